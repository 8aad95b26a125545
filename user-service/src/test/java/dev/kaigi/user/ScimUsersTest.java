package dev.kaigi.user;

import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SCIM 2.0 Users (RFC 7643 §4.1, RFC 7644 §3) over the user-service rules, with rest-assured. */
@QuarkusTest
class ScimUsersTest {

    static final String SCIM = "application/scim+json";
    static final String KAIGI = "urn:kaigi:params:scim:schemas:extension:kaigi:2.0:User";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** This run's outside domain: addresses stay unique across test runs on one database. */
    private static final String DOMAIN = "out-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    private static final Duration WAIT = Duration.ofSeconds(30);

    static RequestSpecification scim(UserFixtures.Org org) {
        return given().auth().oauth2(TestTokens.partner(org.id(), "scim")).contentType(SCIM).accept(SCIM);
    }

    static String user(String email, String family, String given) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"familyName":"%s","givenName":"%s"},"emails":[{"value":"%s","type":"work","primary":true}],
                 "title":"Engineer","externalId":"ext-%s","active":true,
                 "phoneNumbers":[{"value":"03-1234-5678","type":"work"},{"value":"090-1111-2222","type":"mobile"}]}
                """.formatted(email, family, given, email, email);
    }

    static String create(UserFixtures.Org org, String email) {
        return scim(org).body(user(email, "Sato", "Hana")).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
    }

    static String patchActive(String value) {
        return """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":%s}]}
                """.formatted(value);
    }

    @Test
    @DisplayName("RFC 7644 §3.3 / INV-01, LIC-04: POST /Users adds the user as the REST API does — INVITED, a seat taken, userName = email")
    void createInvitesAndTakesSeat() {
        var org = newOrganization();
        int seats = org.assignedSeats("REGULAR");
        Response r = scim(org).body(user("hana@" + DOMAIN, "Sato", "Hana")).post("/scim/v2/Users");
        r.then().statusCode(201).contentType(SCIM)
                .header("ETag", startsWith("W/\""))
                .header("Location", containsString("/scim/v2/Users/" + r.path("id")))
                .body("userName", equalTo("hana@" + DOMAIN))
                .body("name.familyName", equalTo("Sato"))
                .body("name.givenName", equalTo("Hana"))
                .body("title", equalTo("Engineer"))
                .body("externalId", equalTo("ext-hana@" + DOMAIN))
                .body("active", equalTo(true))
                .body("phoneNumbers.find { it.type == 'mobile' }.value", equalTo("090-1111-2222"))
                .body("'" + KAIGI + "'.status", equalTo("INVITED"))
                .body("'" + KAIGI + "'.role", equalTo("MEMBER"))
                .body("'" + KAIGI + "'.userType", equalTo("REGULAR"))
                .body("meta.resourceType", equalTo("User"))
                .body("meta.version", equalTo(r.header("ETag")));
        assertEquals(seats + 1, org.assignedSeats("REGULAR"));
        org.asSuperAdmin().get("/api/v1/users/" + r.path("id")).then().statusCode(200)
                .body("status", equalTo("INVITED")).body("mobile", equalTo("090-1111-2222"));
    }

    @Test
    @DisplayName("INV-04: a SCIM user with the super admin's email domain joins ACTIVE at once")
    void sameDomainJoinsActive() {
        var org = newOrganization();
        scim(org).body(user("ken@" + org.domain(), "Ito", "Ken")).post("/scim/v2/Users")
                .then().statusCode(201).body("'" + KAIGI + "'.status", equalTo("ACTIVE"));
    }

    @Test
    @DisplayName("ORG-05 / RFC 7644 §3.3: an address already in use (this or another organization) → 409 uniqueness")
    void emailTakenIsUniqueness() {
        var org = newOrganization();
        var other = newOrganization();
        create(org, "taken@" + DOMAIN);
        for (var o : List.of(org, other)) {
            scim(o).body(user("TAKEN@" + DOMAIN, "Sato", "Hana")).post("/scim/v2/Users")
                    .then().statusCode(409).contentType(SCIM)
                    .body("schemas[0]", equalTo(ERROR)).body("status", equalTo("409"))
                    .body("scimType", equalTo("uniqueness")).body("detail", containsString("address"));
        }
    }

    @Test
    @DisplayName("INV-05 / RFC 7644 §3.12: a user without familyName or with a malformed userName → 400 invalidValue")
    void requiredAndMalformed() {
        var org = newOrganization();
        scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"a@outside.example\"}")
                .post("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"))
                .body("detail", containsString("familyName"));
        scim(org).body(user("not-an-address", "Sato", "Hana")).post("/scim/v2/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidValue")).body("detail", containsString("userName"));
        scim(org).body("{\"userName\":").post("/scim/v2/Users")
                .then().statusCode(400).body("scimType", equalTo("invalidSyntax"));
    }

    @Test
    @DisplayName("SEC-03 / RFC 7644 §3.12: JSON nested deeper than SCIM's 32 levels (33, 1,001, 2,000) to POST /Users, PUT and PATCH "
            + "/Users/{id}, POST and PATCH /Groups and POST /Users/.search → 400 invalidSyntax, never 5xx, nothing changed")
    void deeplyNestedBodiesAreInvalidSyntax() {
        var org = newOrganization();
        String id = create(org, "deep-" + UUID.randomUUID().toString().substring(0, 8) + "@" + DOMAIN);
        String group = scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Deep\"}")
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        String etag = scim(org).get("/scim/v2/Users/" + id).then().extract().header("ETag");
        for (int depth : List.of(33, 1_001, 2_000)) {
            String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"add\",\"path\":\"title\",\"value\":%s}]}";
            String user = "{\"userName\":\"deeper@" + DOMAIN + "\",\"name\":{\"familyName\":\"Sato\"},\"title\":%s}";
            Map<String, String> requests = new LinkedHashMap<>();
            requests.put("POST /scim/v2/Users", user.formatted(objects));
            requests.put("PUT /scim/v2/Users/" + id, user.formatted(arrays));
            requests.put("PATCH /scim/v2/Users/" + id, patch.formatted(objects));
            requests.put("POST /scim/v2/Groups", arrays);
            requests.put("PATCH /scim/v2/Groups/" + group, patch.formatted(arrays));
            requests.put("POST /scim/v2/Users/.search", objects);
            requests.forEach((call, body) -> {
                String[] methodAndPath = call.split(" ");
                scim(org).body(body).request(methodAndPath[0], methodAndPath[1]).then().statusCode(400).contentType(SCIM)
                        .body("schemas[0]", equalTo(ERROR)).body("status", equalTo("400")).body("scimType", equalTo("invalidSyntax"));
            });
        }
        scim(org).get("/scim/v2/Users/" + id).then().statusCode(200).header("ETag", equalTo(etag));
        scim(org).get("/scim/v2/Users").then().body("totalResults", equalTo(2));
    }

    @Test
    @DisplayName("LIF-01 / RFC 7644 §3.5.2: PATCH active=false deactivates (Entra ID's \"False\"), active=true activates with a seat")
    void patchActiveDeactivatesAndActivates() {
        var org = newOrganization();
        String id = scim(org).body(user("ada@" + org.domain(), "Lovelace", "Ada")).post("/scim/v2/Users")
                .then().statusCode(201).extract().path("id");
        scim(org).body(patchActive("\"False\"")).patch("/scim/v2/Users/" + id).then().statusCode(200)
                .body("active", equalTo(false)).body("'" + KAIGI + "'.status", equalTo("DEACTIVATED"));
        org.asSuperAdmin().get("/api/v1/users/" + id).then().body("status", equalTo("DEACTIVATED"));
        Await.until("licensing to release the seat", () -> org.assignedSeats("REGULAR") == 1, WAIT);
        scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(true))
                .body("'" + KAIGI + "'.status", equalTo("ACTIVE"));
        assertEquals(2, org.assignedSeats("REGULAR"));
    }

    @Test
    @DisplayName("ORG-04: the super admin cannot be deactivated or deleted through SCIM (409, the REST API's answer)")
    void superAdminProtected() {
        var org = newOrganization();
        scim(org).body(patchActive("false")).patch("/scim/v2/Users/" + org.superAdmin()).then().statusCode(409)
                .contentType(SCIM).body("schemas[0]", equalTo(ERROR)).body("detail", containsString("super admin"));
        scim(org).delete("/scim/v2/Users/" + org.superAdmin()).then().statusCode(409).body("detail", containsString("super admin"));
        org.asSuperAdmin().get("/api/v1/users/" + org.superAdmin()).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2: PATCH add/replace/remove on names, title, phone numbers and value paths")
    void patchOperations() {
        var org = newOrganization();
        String id = create(org, "pat@" + DOMAIN);
        scim(org).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                         {"op":"replace","path":"name.givenName","value":"Patricia"},
                         {"op":"remove","path":"title"},
                         {"op":"replace","path":"phoneNumbers[type eq \\"work\\"].value","value":"03-9999-0000"},
                         {"op":"remove","path":"phoneNumbers[type eq \\"mobile\\"]"},
                         {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Sales"},
                         {"op":"replace","path":"urn:kaigi:params:scim:schemas:extension:kaigi:2.0:User:role","value":"MANAGER"}]}
                        """).patch("/scim/v2/Users/" + id).then().statusCode(200)
                .body("name.givenName", equalTo("Patricia"))
                .body("$", not(hasKey("title")))
                .body("phoneNumbers.size()", equalTo(1))
                .body("phoneNumbers[0].value", equalTo("03-9999-0000"))
                .body("'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'.department", equalTo("Sales"))
                .body("'" + KAIGI + "'.role", equalTo("MANAGER"));
        org.asSuperAdmin().get("/api/v1/users/" + id).then().body("firstName", equalTo("Patricia"))
                .body("role", equalTo("MANAGER")).body("mobile", nullValue()).body("phone", equalTo("03-9999-0000"));
        scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"new@outside.example\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("mutability"));
        scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"remove\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("noTarget"));
        scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":42}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("invalidPath"));
        scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(400).body("scimType", equalTo("mutability"));
    }

    @Test
    @DisplayName("RFC 7644 §3.5.1: PUT replaces the user; attributes left out are cleared")
    void putReplaces() {
        var org = newOrganization();
        String id = create(org, "put@" + DOMAIN);
        scim(org).body("{\"userName\":\"put@" + DOMAIN + "\",\"name\":{\"familyName\":\"Suzuki\"}}")
                .put("/scim/v2/Users/" + id).then().statusCode(200)
                .body("name.familyName", equalTo("Suzuki")).body("$", not(hasKey("title")))
                .body("$", not(hasKey("phoneNumbers"))).body("$", not(hasKey("externalId")));
    }

    @Test
    @DisplayName("RFC 7644 §3.14: If-Match with a stale version → 412; the current one applies")
    void ifMatch() {
        var org = newOrganization();
        String id = create(org, "etag@" + DOMAIN);
        String etag = scim(org).get("/scim/v2/Users/" + id).then().statusCode(200).extract().header("ETag");
        scim(org).header("If-Match", "W/\"999\"").body(patchActive("false")).patch("/scim/v2/Users/" + id)
                .then().statusCode(412).contentType(SCIM).body("schemas[0]", equalTo(ERROR)).body("status", equalTo("412"));
        scim(org).header("If-Match", etag).body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}]}")
                .patch("/scim/v2/Users/" + id).then().statusCode(200).body("title", equalTo("Lead"))
                .header("ETag", not(equalTo(etag)));
    }

    @Test
    @DisplayName("LIF-03 / RFC 7644 §3.6: DELETE removes the user from the organization and frees the seat; then 404")
    void deleteRemoves() {
        var org = newOrganization();
        String id = create(org, "gone@" + DOMAIN);
        assertEquals(2, org.assignedSeats("REGULAR"));
        scim(org).delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim(org).get("/scim/v2/Users/" + id).then().statusCode(404).contentType(SCIM)
                .body("schemas[0]", equalTo(ERROR)).body("status", equalTo("404"));
        Await.until("licensing to release the seat", () -> org.assignedSeats("REGULAR") == 1, WAIT);
        org.asSuperAdmin().get("/api/v1/users/" + id).then().statusCode(404);
    }

    /** A fresh domain: addresses are unique across organizations (ORG-05), so each test uses its own. */
    static String domain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.2: filters eq, co, sw, pr, and, or, not on userName, emails.value, name.*, active, externalId")
    void filters() {
        var org = newOrganization();
        String d = domain();
        String a = create(org, "alice@" + d);
        String b = scim(org).body(user("bob@" + d, "Brown", "Bob")).post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        scim(org).body(patchActive("false")).patch("/scim/v2/Users/" + org.superAdmin()); // refused; stays active
        assertIds(org, "userName eq \"ALICE@" + d + "\"", a);
        assertIds(org, "emails.value co \"bob@\"", b);
        assertIds(org, "emails[value sw \"bob\"]", b);
        assertIds(org, "name.familyName sw \"bro\" or externalId eq \"ext-alice@" + d + "\"", a, b);
        assertIds(org, "name.givenName eq \"Hana\" and title pr", a);
        assertIds(org, "title pr and not (userName eq \"alice@" + d + "\")", b);
        assertIds(org, "active eq true and userName ew \"" + d + "\"", a, b);
        assertIds(org, "externalId eq \"EXT-ALICE@" + d + "\""); // externalId is case-exact
        scim(org).queryParam("filter", "userName xx \"a\"").get("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter")).body("detail", containsString("xx"));
        scim(org).queryParam("filter", "shoeSize eq 42").get("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
        scim(org).queryParam("filter", "userName eq \"unterminated").get("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidFilter"));
    }

    private static void assertIds(UserFixtures.Org org, String filter, String... ids) {
        List<String> found = scim(org).queryParam("filter", filter).get("/scim/v2/Users")
                .then().statusCode(200).extract().path("Resources.id");
        assertEquals(List.of(ids).stream().sorted().toList(), found.stream().sorted().toList(), filter);
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.3–4: startIndex/count paging (count clamped to 200, 0 → totals only), sortBy/sortOrder")
    void pagingAndSorting() {
        var org = newOrganization();
        String d = domain();
        for (String name : List.of("Carol", "Alice", "Bob")) {
            scim(org).body(user(name.toLowerCase() + "@" + d, name, "X")).post("/scim/v2/Users").then().statusCode(201);
        }
        scim(org).queryParam("sortBy", "name.familyName").queryParam("startIndex", 2).queryParam("count", 2)
                .get("/scim/v2/Users").then().statusCode(200)
                .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:ListResponse"))
                .body("totalResults", equalTo(4)).body("startIndex", equalTo(2)).body("itemsPerPage", equalTo(2))
                .body("Resources.name.familyName", equalTo(List.of("Bob", "Carol")));
        scim(org).queryParam("sortBy", "userName").queryParam("sortOrder", "descending").queryParam("count", 1)
                .queryParam("filter", "userName ew \"@" + d + "\"")
                .get("/scim/v2/Users").then().body("Resources[0].userName", equalTo("carol@" + d));
        scim(org).queryParam("count", 0).get("/scim/v2/Users").then().body("totalResults", equalTo(4))
                .body("itemsPerPage", equalTo(0)).body("Resources.size()", equalTo(0));
        scim(org).queryParam("count", 100000).queryParam("startIndex", -5).get("/scim/v2/Users").then()
                .body("startIndex", equalTo(1)).body("itemsPerPage", equalTo(4));
        scim(org).queryParam("startIndex", 10).get("/scim/v2/Users").then().body("totalResults", equalTo(4))
                .body("Resources.size()", equalTo(0));
        scim(org).queryParam("count", "many").get("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
        scim(org).queryParam("sortOrder", "sideways").get("/scim/v2/Users").then().statusCode(400).body("scimType", equalTo("invalidValue"));
    }

    @Test
    @DisplayName("RFC 7644 §3.4.2.5: attributes and excludedAttributes; id and schemas always returned")
    void attributeProjection() {
        var org = newOrganization();
        String id = create(org, "proj@" + DOMAIN);
        scim(org).queryParam("attributes", "userName,name.givenName," + KAIGI + ":role").get("/scim/v2/Users/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("userName", equalTo("proj@" + DOMAIN))
                .body("name.givenName", equalTo("Hana")).body("name", not(hasKey("familyName")))
                .body("'" + KAIGI + "'.role", equalTo("MEMBER")).body("'" + KAIGI + "'", not(hasKey("status")))
                .body("$", not(hasKey("title"))).body("$", not(hasKey("meta")));
        scim(org).queryParam("excludedAttributes", "emails,phoneNumbers,id").queryParam("filter", "userName eq \"proj@" + DOMAIN + "\"")
                .get("/scim/v2/Users").then().statusCode(200).body("Resources[0].id", equalTo(id))
                .body("Resources[0]", not(hasKey("emails"))).body("Resources[0]", not(hasKey("phoneNumbers")))
                .body("Resources[0].title", equalTo("Engineer"));
    }

    @Test
    @DisplayName("ORG-01 / RFC 7644 §2: no token → 401, a token without scope scim or a user token → 403, another organization's user → 404, all as SCIM errors")
    void authorization() {
        var org = newOrganization();
        var other = newOrganization();
        String id = create(org, "mine@" + DOMAIN);
        given().accept(SCIM).get("/scim/v2/Users").then().statusCode(401).contentType(SCIM)
                .body("schemas[0]", equalTo(ERROR)).body("status", equalTo("401"));
        given().auth().oauth2(TestTokens.partner(org.id(), "users:read")).accept(SCIM).get("/scim/v2/Users")
                .then().statusCode(403).contentType(SCIM).body("status", equalTo("403"));
        given().auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner", "super_admin")).accept(SCIM)
                .get("/scim/v2/Users").then().statusCode(403);
        for (String path : List.of("/scim/v2/Users/" + id, "/scim/v2/Users/" + UUID.randomUUID(), "/scim/v2/Users/not-an-id")) {
            scim(other).get(path).then().statusCode(404).contentType(SCIM).body("schemas[0]", equalTo(ERROR));
        }
        scim(other).body(patchActive("false")).patch("/scim/v2/Users/" + id).then().statusCode(404);
        scim(other).delete("/scim/v2/Users/" + id).then().statusCode(404);
        assertEquals(0, (int) scim(other).queryParam("filter", "userName eq \"mine@" + DOMAIN + "\"")
                .get("/scim/v2/Users").then().statusCode(200).extract().path("totalResults"));
    }

    @Test
    @DisplayName("RFC 7644 §3.1: application/json is accepted as well as application/scim+json")
    void plainJsonAccepted() {
        var org = newOrganization();
        given().auth().oauth2(TestTokens.partner(org.id(), "scim")).contentType("application/json").accept("application/json")
                .body(user("json@" + DOMAIN, "Sato", "Hana")).post("/scim/v2/Users")
                .then().statusCode(201).contentType("application/json").body("userName", equalTo("json@" + DOMAIN));
    }
}
