package dev.kaigi.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** USR-01 field rules and the USR-02 edit-rights matrix: every role × own/other × each field group. */
@QuarkusTest
class ProfileEditRightsTest {

    private static final String PROBLEM = "application/problem+json";

    /** One field of each group, with a valid new value. */
    private static final Map<String, String> GROUP_SAMPLE = Map.of(
            "NAMES_AND_OTHER_INFO", "\"otherInfo\":\"likes tea\"",
            "PROFILE", "\"slackMemberId\":\"U0ABC123\"",
            "ADMINISTRATION", "(chosen per target)");

    private static UserFixtures.Org shared;

    /** One organization for the whole matrix, made on first use (the app is not up yet in @BeforeAll). */
    private static synchronized UserFixtures.Org org() {
        if (shared == null) {
            shared = newOrganization();
            shared.regularSeats(100); // the matrix adds about 30 users
        }
        return shared;
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (String role : List.of("OWNER", "MANAGER", "MEMBER", "RESTRICTED")) {
            for (boolean self : List.of(true, false)) {
                for (String group : List.of("NAMES_AND_OTHER_INFO", "PROFILE", "ADMINISTRATION")) {
                    boolean allowed = role.equals("OWNER") || self && !group.equals("ADMINISTRATION");
                    cells.add(Arguments.of(role, self, group, allowed));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "USR-02: {0}, editing self={1}, field group {2}: allowed={3}")
    @MethodSource("matrix")
    void editRights(String role, boolean self, String group, boolean allowed) {
        UUID editor = org().addActive(role, "REGULAR");
        UUID target = self ? editor : org().addActive("RESTRICTED", "REGULAR");
        var editorCalls = org().as(editor, role.toLowerCase());
        ExtractableResponse<Response> before = org().asSuperAdmin().get("/api/v1/users/" + target).then().extract();
        String sample = GROUP_SAMPLE.get(group);
        if (group.equals("ADMINISTRATION")) { // a real change: a role the target does not have
            sample = "\"role\":\"" + ("MEMBER".equals(before.path("role")) ? "MANAGER" : "MEMBER") + "\"";
        }
        String body = "{\"lastName\":\"" + before.path("lastName") + "\",\"firstName\":\"" + before.path("firstName") + "\","
                + sample + "}";
        var response = editorCalls.header("If-Match", before.header("ETag")).body(body).put("/api/v1/users/" + target).then();
        if (allowed) {
            response.statusCode(200);
        } else {
            response.statusCode(403).contentType(PROBLEM).body("code", equalTo("forbidden"));
            ExtractableResponse<Response> after = org().asSuperAdmin().get("/api/v1/users/" + target).then().extract();
            assertEquals((Integer) before.path("version"), (Integer) after.path("version"), "a refused edit changed the user");
        }
    }

    @Test
    @DisplayName("USR-02: a member cannot raise their own role; the refused field is named")
    void noSelfPromotion() {
        UUID member = org().addActive("MEMBER", "REGULAR");
        String etag = org().asSuperAdmin().get("/api/v1/users/" + member).then().extract().header("ETag");
        org().as(member, "member").header("If-Match", etag)
                .body("{\"lastName\":\"Sato\",\"firstName\":\"Hana\",\"role\":\"OWNER\",\"otherInfo\":\"x\"}")
                .put("/api/v1/users/" + member).then()
                .statusCode(403).body("errors.field", hasItem("role")).body("errors[0].code", equalTo("edit-not-allowed"));
        org().as(member, "member").header("If-Match", etag)
                .body("{\"lastName\":\"Sato\",\"status\":\"ACTIVE\",\"userType\":\"REGULAR\",\"orgId\":\"" + UUID.randomUUID() + "\"}")
                .put("/api/v1/users/" + member).then().statusCode(400).body("errors[0].code", equalTo("unknown-property"));
        org().asSuperAdmin().get("/api/v1/users/" + member).then().body("role", equalTo("MEMBER")).body("otherInfo", equalTo(null));
    }

    @Test
    @DisplayName("USR-01: Slack IDs, Zoom URLs, phones and lengths are validated and named")
    void profileFieldsAreValidated() {
        UUID user = org().addActive("MEMBER", "REGULAR");
        String etag = org().asSuperAdmin().get("/api/v1/users/" + user).then().extract().header("ETag");
        record Bad(String json, String field) {
        }
        for (Bad bad : List.of(
                new Bad("\"slackMemberId\":\"X123\"", "slackMemberId"),
                new Bad("\"zoomPersonalMeetingUrl\":\"http://zoom.us/j/1\"", "zoomPersonalMeetingUrl"),
                new Bad("\"zoomPersonalMeetingUrl\":\"https://evil.example/zoom.us\"", "zoomPersonalMeetingUrl"),
                new Bad("\"phone\":\"call me\"", "phone"),
                new Bad("\"website\":\"javascript:alert(1)\"", "website"),
                new Bad("\"otherInfo\":\"" + "x".repeat(4001) + "\"", "otherInfo"))) {
            org().asSuperAdmin().header("If-Match", etag).body("{\"lastName\":\"Sato\"," + bad.json() + "}")
                    .put("/api/v1/users/" + user).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo(bad.field()));
        }
        org().asSuperAdmin().header("If-Match", etag).body("""
                {"lastName":"Sato","firstName":"Hana","slackMemberId":"W01ABCDEF","zoomPersonalMeetingUrl":"https://us05web.zoom.us/j/123",
                 "emailSignature":"Hana Sato\\nAcme K.K.\\n03-1234-5678","phone":"+81 3-1234-5678"}""")
                .put("/api/v1/users/" + user).then().statusCode(200)
                .body("emailSignature", equalTo("Hana Sato\nAcme K.K.\n03-1234-5678"))
                .body("zoomPersonalMeetingUrl", equalTo("https://us05web.zoom.us/j/123"));
    }

    @Test
    @DisplayName("updates need the current ETag: missing is 428, stale is 412")
    void optimisticConcurrency() {
        UUID user = org().addActive("MEMBER", "REGULAR");
        String etag = org().asSuperAdmin().get("/api/v1/users/" + user).then().extract().header("ETag");
        org().asSuperAdmin().body("{\"lastName\":\"A\"}").put("/api/v1/users/" + user).then()
                .statusCode(428).body("code", equalTo("precondition-required"));
        org().asSuperAdmin().header("If-Match", etag).body("{\"lastName\":\"B\"}").put("/api/v1/users/" + user).then().statusCode(200);
        org().asSuperAdmin().header("If-Match", etag).body("{\"lastName\":\"C\"}").put("/api/v1/users/" + user).then()
                .statusCode(412).body("code", equalTo("precondition-failed"));
        org().asSuperAdmin().get("/api/v1/users/" + user).then().body("lastName", equalTo("B"));
    }

    @Test
    @DisplayName("ORG-02: the super admin stays an OWNER")
    void superAdminCannotBeDemoted() {
        String etag = org().asSuperAdmin().get("/api/v1/users/" + org().superAdmin()).then().extract().header("ETag");
        org().asSuperAdmin().header("If-Match", etag).body("{\"lastName\":\"Tanaka\",\"firstName\":\"Ken\",\"role\":\"MEMBER\"}")
                .put("/api/v1/users/" + org().superAdmin()).then()
                .statusCode(409).body("code", equalTo("super-admin-transfer-required"));
    }

    @Test
    @DisplayName("USR-03: users list in creation order, filtered by status, role, type and text, paged")
    void listFiltersAndPages() {
        UserFixtures.Org fresh = newOrganization();
        UUID m1 = fresh.addActive("MEMBER", "REGULAR");
        UUID mgr = fresh.addActive("MANAGER", "REGULAR");
        UUID invited = fresh.addInvited("MEMBER");
        fresh.asSuperAdmin().get("/api/v1/users").then().statusCode(200).body("totalItems", equalTo(4))
                .body("items[0].id", equalTo(fresh.superAdmin().toString())).body("items[1].id", equalTo(m1.toString()))
                .body("items[2].id", equalTo(mgr.toString())).body("items[3].id", equalTo(invited.toString()));
        fresh.asSuperAdmin().queryParam("role", "MANAGER").get("/api/v1/users").then().body("totalItems", equalTo(1));
        fresh.asSuperAdmin().queryParam("status", "INVITED").get("/api/v1/users").then().body("items[0].id", equalTo(invited.toString()));
        fresh.asSuperAdmin().queryParam("q", "outside.EXAMPLE").get("/api/v1/users").then().body("totalItems", equalTo(1));
        fresh.asSuperAdmin().queryParam("q", "100%_").get("/api/v1/users").then().body("totalItems", equalTo(0));
        fresh.asSuperAdmin().queryParam("size", 2).queryParam("page", 1).get("/api/v1/users").then()
                .body("items[0].id", equalTo(mgr.toString())).body("totalPages", equalTo(2));
        fresh.asSuperAdmin().queryParam("status", "SLEEPING").get("/api/v1/users").then().statusCode(400);
    }
}
