package dev.kaigi.user;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.kaigi.user.ScimUsersTest.scim;
import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/** SCIM 2.0 Groups (RFC 7643 §4.2) = teams (USR-01), with rest-assured. */
@QuarkusTest
class ScimGroupsTest {

    private static String group(UserFixtures.Org org, String name, UUID... members) {
        String list = String.join(",", List.of(members).stream().map(m -> "{\"value\":\"" + m + "\"}").toList());
        return scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"" + name
                        + "\",\"externalId\":\"okta-" + name + "\",\"members\":[" + list + "]}")
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
    }

    @Test
    @DisplayName("USR-01 / RFC 7644 §3.3: a group is a team; its members are the users whose teams include it")
    void groupIsTeam() {
        var org = newOrganization();
        UUID user = org.addActive("MEMBER", "REGULAR");
        String id = group(org, "Support", user);
        org.asSuperAdmin().get("/api/v1/teams/" + id).then().statusCode(200).body("name", equalTo("Support"));
        org.asSuperAdmin().get("/api/v1/users/" + user).then().body("teamIds", equalTo(List.of(id)));
        scim(org).get("/scim/v2/Groups/" + id).then().statusCode(200)
                .body("displayName", equalTo("Support")).body("externalId", equalTo("okta-Support"))
                .body("members[0].value", equalTo(user.toString())).body("meta.resourceType", equalTo("Group"));
        scim(org).get("/scim/v2/Users/" + user).then().body("groups[0].value", equalTo(id));
    }

    @Test
    @DisplayName("RFC 7644 §3.12: a taken team name → 409 uniqueness; an unknown member → 400 invalidValue, nothing created")
    void groupErrors() {
        var org = newOrganization();
        group(org, "Sales");
        scim(org).body("{\"displayName\":\"SALES\"}").post("/scim/v2/Groups").then().statusCode(409)
                .body("schemas[0]", equalTo(ScimUsersTest.ERROR)).body("scimType", equalTo("uniqueness"));
        UUID stranger = newOrganization().superAdmin();
        scim(org).body("{\"displayName\":\"Ops\",\"members\":[{\"value\":\"" + stranger + "\"}]}").post("/scim/v2/Groups")
                .then().statusCode(400).body("scimType", equalTo("invalidValue")).body("detail", containsString(stranger.toString()));
        scim(org).queryParam("filter", "displayName eq \"Ops\"").get("/scim/v2/Groups").then().body("totalResults", equalTo(0));
        scim(org).body("{\"members\":[]}").post("/scim/v2/Groups").then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2 / §3.14: PATCH renames and replaces members; a stale If-Match → 412")
    void patchAndEtag() {
        var org = newOrganization();
        UUID a = org.addActive("MEMBER", "REGULAR");
        UUID b = org.addActive("MEMBER", "REGULAR");
        String id = group(org, "Team A", a);
        String etag = scim(org).get("/scim/v2/Groups/" + id).then().extract().header("ETag");
        scim(org).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                         {"op":"replace","value":{"id":"%s","displayName":"Team B"}},
                         {"op":"replace","path":"members","value":[{"value":"%s"}]}]}
                        """.formatted(id, b)).header("If-Match", etag).patch("/scim/v2/Groups/" + id)
                .then().statusCode(200).body("displayName", equalTo("Team B")).body("members.value", equalTo(List.of(b.toString())));
        scim(org).header("If-Match", etag).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members\"}]}")
                .patch("/scim/v2/Groups/" + id).then().statusCode(412).body("status", equalTo("412"));
        scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"" + b + "\"}]}]}")
                .patch("/scim/v2/Groups/" + id).then().statusCode(200).body("members.size()", equalTo(0));
    }

    @Test
    @DisplayName("ORG-01: another organization's group → 404; lists show only the caller's teams; excludedAttributes=members")
    void tenancyAndProjection() {
        var org = newOrganization();
        var other = newOrganization();
        String id = group(org, "Mine", org.addActive("MEMBER", "REGULAR"));
        scim(other).get("/scim/v2/Groups/" + id).then().statusCode(404).body("schemas[0]", equalTo(ScimUsersTest.ERROR));
        scim(other).delete("/scim/v2/Groups/" + id).then().statusCode(404);
        scim(other).get("/scim/v2/Groups").then().body("totalResults", equalTo(0));
        scim(org).queryParam("excludedAttributes", "members").queryParam("filter", "displayName sw \"mi\"")
                .get("/scim/v2/Groups").then().statusCode(200).body("totalResults", equalTo(1))
                .body("Resources[0]", not(hasKey("members"))).body("Resources[0].displayName", equalTo("Mine"));
        scim(org).queryParam("filter", "members eq \"x\"").get("/scim/v2/Groups").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
    }

    @Test
    @DisplayName("RFC 7644 §4: discovery endpoints answer with scope scim only")
    void discovery() {
        var org = newOrganization();
        scim(org).get("/scim/v2/ServiceProviderConfig").then().statusCode(200)
                .body("patch.supported", equalTo(true)).body("bulk.supported", equalTo(false))
                .body("filter.maxResults", equalTo(200)).body("etag.supported", equalTo(true));
        scim(org).get("/scim/v2/ResourceTypes").then().statusCode(200).body("Resources.name", equalTo(List.of("User", "Group")));
        scim(org).get("/scim/v2/Schemas/urn:kaigi:params:scim:schemas:extension:kaigi:2.0:User").then().statusCode(200)
                .body("attributes.name", equalTo(List.of("role", "userType", "permissionProfileId", "status", "superAdmin")));
        scim(org).get("/scim/v2/Schemas/urn:nope").then().statusCode(404).body("schemas[0]", equalTo(ScimUsersTest.ERROR));
        io.restassured.RestAssured.given().get("/scim/v2/ServiceProviderConfig").then().statusCode(401);
    }
}
