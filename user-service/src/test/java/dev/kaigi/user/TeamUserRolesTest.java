package dev.kaigi.user;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.kaigi.user.ScimUsersTest.KAIGI;
import static dev.kaigi.user.ScimUsersTest.scim;
import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** USR-06: a team user is never an OWNER or a MANAGER, by REST, apply-to-others or SCIM (CSV: UserImportTest). */
@QuarkusTest
class TeamUserRolesTest {

    private static UserFixtures.Org withTeamSeats() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        org.teamSeats(3);
        return org;
    }

    private static String addBody(UserFixtures.Org org, String role) {
        return """
                {"email":"t%s@%s","lastName":"Sato","role":"%s","userType":"TEAM","permissionProfileId":"%s"}
                """.formatted(UUID.randomUUID().toString().substring(0, 8), org.domain(), role, org.teamProfile());
    }

    @Test
    @DisplayName("USR-06: adding a team user as OWNER or MANAGER is 400 naming role and the rule, in English and Japanese; "
            + "MEMBER and RESTRICTED are fine")
    void restAdd() {
        UserFixtures.Org org = withTeamSeats();
        for (String role : new String[]{"OWNER", "MANAGER"}) {
            org.asSuperAdmin().body(addBody(org, role)).post("/api/v1/users").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("role"))
                    .body("errors[0].code", equalTo("team-user-admin")).body("errors[0].message", containsString("USR-06"));
        }
        org.asSuperAdmin().header("Accept-Language", "ja").body(addBody(org, "MANAGER")).post("/api/v1/users").then()
                .statusCode(400).body("errors[0].message", containsString("チームユーザーは"));
        org.asSuperAdmin().queryParam("userType", "TEAM").get("/api/v1/users").then().body("totalItems", equalTo(0));
        org.asSuperAdmin().body(addBody(org, "RESTRICTED")).post("/api/v1/users").then().statusCode(201);
    }

    @Test
    @DisplayName("USR-06: a team user's role cannot be raised to MANAGER, directly or by applying a manager's role to it")
    void restUpdateAndApplyToOthers() {
        UserFixtures.Org org = withTeamSeats();
        UUID team = org.addActive("MEMBER", "TEAM");
        UUID manager = org.addActive("MANAGER", "REGULAR");
        String etag = org.asSuperAdmin().get("/api/v1/users/" + team).then().extract().header("ETag");
        org.asSuperAdmin().header("If-Match", etag).body("{\"lastName\":\"Sato\",\"firstName\":\"Hana\",\"role\":\"MANAGER\"}")
                .put("/api/v1/users/" + team).then().statusCode(400)
                .body("errors[0].field", equalTo("role")).body("errors[0].code", equalTo("team-user-admin"));
        org.asSuperAdmin().body("{\"fields\":[\"ROLE\"],\"targetUserIds\":[\"" + team + "\"],\"dryRun\":false}")
                .post("/api/v1/users/" + manager + "/apply-to-others").then().statusCode(400)
                .body("errors[0].code", equalTo("team-user-admin"));
        org.asSuperAdmin().get("/api/v1/users/" + team).then().body("role", equalTo("MEMBER"));
    }

    @Test
    @DisplayName("USR-06: SCIM creating a team user as MANAGER, or patching one to MANAGER, is 400 invalidValue naming role")
    void scimCreateAndPatch() {
        UserFixtures.Org org = withTeamSeats();
        String email = "scim-team-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain();
        scim(org).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s",
                         "name":{"familyName":"Sato"},"%s":{"userType":"TEAM","role":"MANAGER"}}
                        """.formatted(KAIGI, email, KAIGI)).post("/scim/v2/Users").then().statusCode(400)
                .body("scimType", equalTo("invalidValue")).body("detail", containsString("USR-06"));
        UUID team = org.addActive("MEMBER", "TEAM");
        scim(org).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                         {"op":"replace","path":"%s:role","value":"MANAGER"}]}
                        """.formatted(KAIGI)).patch("/scim/v2/Users/" + team).then().statusCode(400)
                .body("scimType", equalTo("invalidValue"));
        org.asSuperAdmin().get("/api/v1/users/" + team).then().body("role", equalTo("MEMBER"));
    }
}
