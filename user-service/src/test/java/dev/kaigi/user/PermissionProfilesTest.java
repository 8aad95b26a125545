package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** USR-07: the organization's own permission profiles, and their permissions narrowing the roles here. */
@QuarkusTest
class PermissionProfilesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final String ALL = "[\"MANAGE_USERS\",\"IMPORT_USERS\",\"MANAGE_TEAMS\",\"MANAGE_SEATS\",\"MANAGE_INTEGRATIONS\","
            + "\"MANAGE_MEETING_TYPES\",\"SEE_ALL_BOOKINGS\",\"SEE_REPORTS\",\"SEE_AUDIT_LOG\"]";

    @Test
    @DisplayName("USR-07: the built-in profiles: the regular one grants the whole catalogue, the team one nothing")
    void builtInProfiles() {
        UserFixtures.Org org = newOrganization();
        org.asSuperAdmin().get("/api/v1/permission-profiles").then().statusCode(200)
                .body("", hasSize(2))
                .body("find { it.userType == 'REGULAR' }.permissions", hasSize(9))
                .body("find { it.userType == 'REGULAR' }.system", equalTo(true))
                .body("find { it.userType == 'REGULAR' }.users", equalTo(1))
                .body("find { it.userType == 'TEAM' }.permissions", empty());
    }

    @Test
    @DisplayName("USR-07: an OWNER creates, reads, renames, changes and deletes a profile; each change is audited and announced")
    void lifecycleOfAProfile() {
        UserFixtures.Org org = newOrganization();
        String id;
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            ExtractableResponse<Response> created = org.asSuperAdmin()
                    .body("{\"name\":\"Inside sales managers\",\"userType\":\"REGULAR\",\"permissions\":[\"SEE_AUDIT_LOG\",\"MANAGE_USERS\",\"MANAGE_USERS\"]}")
                    .post("/api/v1/permission-profiles").then().statusCode(201)
                    .body("permissions", contains("MANAGE_USERS", "SEE_AUDIT_LOG")) // catalogue order, once each
                    .body("system", equalTo(false)).body("users", equalTo(0)).extract();
            id = created.path("id");
            assertEquals(true, created.header("Location").endsWith("/api/v1/permission-profiles/" + id));
            ReceivedEvent saved = profileEvent(events, EventTypes.PERMISSION_PROFILE_SAVED.name(), id);
            assertEquals(List.of("MANAGE_USERS", "SEE_AUDIT_LOG"),
                    List.of(saved.data().get("permissions").get(0).asText(), saved.data().get("permissions").get(1).asText()));
        }
        String etag = org.asSuperAdmin().get("/api/v1/permission-profiles/" + id).then().statusCode(200).extract().header("ETag");
        org.asSuperAdmin().body("{\"name\":\"Managers\",\"permissions\":[\"MANAGE_MEETING_TYPES\"]}")
                .put("/api/v1/permission-profiles/" + id).then().statusCode(428);
        String changedEtag = org.asSuperAdmin().header("If-Match", etag)
                .body("{\"name\":\"Managers\",\"permissions\":[\"MANAGE_MEETING_TYPES\"]}")
                .put("/api/v1/permission-profiles/" + id).then().statusCode(200)
                .body("name", equalTo("Managers")).body("permissions", contains("MANAGE_MEETING_TYPES")).extract().header("ETag");
        org.asSuperAdmin().header("If-Match", etag).body("{\"name\":\"Stale\",\"permissions\":[]}")
                .put("/api/v1/permission-profiles/" + id).then().statusCode(412);
        org.asSuperAdmin().queryParam("action", "PERMISSION_PROFILE_CHANGED").get("/api/v1/audit-events").then().statusCode(200)
                .body("items[0].before.name", equalTo("Inside sales managers"))
                .body("items[0].after.permissions", contains("MANAGE_MEETING_TYPES"));
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            org.asSuperAdmin().delete("/api/v1/permission-profiles/" + id).then().statusCode(204);
            profileEvent(events, EventTypes.PERMISSION_PROFILE_DELETED.name(), id);
        }
        org.asSuperAdmin().get("/api/v1/permission-profiles/" + id).then().statusCode(404);
        org.asSuperAdmin().queryParam("action", "PERMISSION_PROFILE_DELETED").get("/api/v1/audit-events").then()
                .body("items[0].before.name", equalTo("Managers"));
        assertEquals(false, changedEtag.equals(etag));
    }

    @Test
    @DisplayName("USR-07: built-in profiles are copied, never changed or deleted; one a user holds is not deleted")
    void builtInsAreCopiedAndHeldOnesStay() {
        UserFixtures.Org org = newOrganization();
        String copy = org.asSuperAdmin().body("{\"name\":\"Standard without seats\"}")
                .post("/api/v1/permission-profiles/" + org.standardProfile() + "/copy").then().statusCode(201)
                .body("userType", equalTo("REGULAR")).body("permissions", hasSize(9)).body("system", equalTo(false))
                .extract().path("id");
        String etag = org.asSuperAdmin().get("/api/v1/permission-profiles/" + org.standardProfile()).then().extract().header("ETag");
        org.asSuperAdmin().header("If-Match", etag).body("{\"name\":\"Standard\",\"permissions\":[]}")
                .put("/api/v1/permission-profiles/" + org.standardProfile()).then().statusCode(409)
                .body("code", equalTo("permission-profile-built-in"));
        org.asSuperAdmin().delete("/api/v1/permission-profiles/" + org.teamProfile()).then().statusCode(409)
                .body("code", equalTo("permission-profile-built-in"));

        UUID member = org.addActive("MEMBER", "REGULAR");
        assignProfile(org, member, copy);
        org.asSuperAdmin().delete("/api/v1/permission-profiles/" + copy).then().statusCode(409)
                .body("code", equalTo("permission-profile-in-use"));
        org.asSuperAdmin().get("/api/v1/permission-profiles/" + copy).then().body("users", equalTo(1));
        // a deleted user holds no profile that matters: it goes to the built-in one, and the copy can go
        org.asSuperAdmin().delete("/api/v1/users/" + member).then().statusCode(204);
        org.asSuperAdmin().delete("/api/v1/permission-profiles/" + copy).then().statusCode(204);
    }

    @Test
    @DisplayName("USR-07: bad profiles are refused naming the field, in the caller's language, and nothing is made")
    void badProfilesAreRefused() {
        UserFixtures.Org org = newOrganization();
        org.asSuperAdmin().body("{\"name\":\"Team leads\",\"userType\":\"TEAM\",\"permissions\":[\"MANAGE_USERS\"]}")
                .post("/api/v1/permission-profiles").then().statusCode(400)
                .body("errors[0].field", equalTo("permissions")).body("errors[0].code", equalTo("team-profile-grants-nothing"));
        org.asSuperAdmin().header("Accept-Language", "ja")
                .body("{\"name\":\"X\",\"userType\":\"REGULAR\",\"permissions\":[\"MANAGE_EVERYTHING\"]}")
                .post("/api/v1/permission-profiles").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith("permissions")));
        org.asSuperAdmin().body("{\"name\":\"\",\"userType\":\"REGULAR\",\"permissions\":[]}")
                .post("/api/v1/permission-profiles").then().statusCode(400).body("errors.field", hasItem("name"));
        org.asSuperAdmin().body("{\"name\":\"standard\",\"userType\":\"REGULAR\",\"permissions\":[]}")
                .post("/api/v1/permission-profiles").then().statusCode(409).body("code", equalTo("permission-profile-name-taken"));
        org.asSuperAdmin().get("/api/v1/permission-profiles").then().body("", hasSize(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "member", "restricted"})
    @DisplayName("USR-07: only OWNERs manage profiles; everyone reads them; another organization's are unknown")
    void onlyOwnersManage(String role) {
        UserFixtures.Org org = newOrganization();
        UUID user = org.addActive(role.toUpperCase(), "REGULAR");
        org.as(user, role).get("/api/v1/permission-profiles").then().statusCode(200);
        org.as(user, role).body("{\"name\":\"Mine\",\"userType\":\"REGULAR\",\"permissions\":[]}")
                .post("/api/v1/permission-profiles").then().statusCode(403);
        org.as(user, role).body("{\"name\":\"Mine\"}").post("/api/v1/permission-profiles/" + org.standardProfile() + "/copy")
                .then().statusCode(403);
        UserFixtures.Org other = newOrganization();
        other.asSuperAdmin().get("/api/v1/permission-profiles/" + org.standardProfile()).then().statusCode(404);
        other.asSuperAdmin().body("{\"name\":\"Stolen\"}").post("/api/v1/permission-profiles/" + org.standardProfile() + "/copy")
                .then().statusCode(404);
    }

    @Test
    @DisplayName("USR-07: an OWNER whose profile lacks manage-users may not add users, and may once the profile grants it, on the same token")
    void profileNarrowsTheOwnerAndAChangeAppliesAtOnce() {
        UserFixtures.Org org = newOrganization();
        ExtractableResponse<Response> profile = org.asSuperAdmin()
                .body("{\"name\":\"Teams only\",\"userType\":\"REGULAR\",\"permissions\":[\"MANAGE_TEAMS\"]}")
                .post("/api/v1/permission-profiles").then().statusCode(201).extract();
        String profileId = profile.path("id");
        UUID owner = org.addActive("OWNER", "REGULAR");
        assignProfile(org, owner, profileId);
        String token = TestTokens.user(org.id(), owner, "owner");

        String newUser = "{\"email\":\"n%s@" + org.domain() + "\",\"lastName\":\"Sato\",\"firstName\":\"Hana\",\"role\":\"MEMBER\","
                + "\"userType\":\"REGULAR\",\"permissionProfileId\":\"" + org.standardProfile() + "\"}";
        as(token).body(newUser.formatted(1)).post("/api/v1/users").then().statusCode(403);
        as(token).get("/api/v1/audit-events").then().statusCode(403);
        as(token).body("{\"name\":\"Field sales\"}").post("/api/v1/teams").then().statusCode(201); // granted
        as(token).get("/api/v1/users").then().statusCode(200); // every user reads

        as(token).header("If-Match", profile.header("ETag")).body("{\"name\":\"Teams and users\",\"permissions\":" + ALL + "}")
                .put("/api/v1/permission-profiles/" + profileId).then().statusCode(403); // no profile widens itself
        org.asSuperAdmin().header("If-Match", profile.header("ETag"))
                .body("{\"name\":\"Teams and users\",\"permissions\":[\"MANAGE_TEAMS\",\"MANAGE_USERS\"]}")
                .put("/api/v1/permission-profiles/" + profileId).then().statusCode(200);
        as(token).body(newUser.formatted(2)).post("/api/v1/users").then().statusCode(201);
    }

    @Test
    @DisplayName("USR-07: no profile narrows the super admin, who can always mend the organization's profiles")
    void superAdminIsNeverNarrowed() {
        UserFixtures.Org org = newOrganization();
        String nothing = org.asSuperAdmin().body("{\"name\":\"Nothing\",\"userType\":\"REGULAR\",\"permissions\":[]}")
                .post("/api/v1/permission-profiles").then().statusCode(201).extract().path("id");
        assignProfile(org, org.superAdmin(), nothing);
        org.asSuperAdmin().get("/api/v1/audit-events").then().statusCode(200);
        org.asSuperAdmin().body("{\"name\":\"Field sales\"}").post("/api/v1/teams").then().statusCode(201);
        org.asSuperAdmin().body("{\"name\":\"Also nothing\"}").post("/api/v1/permission-profiles/" + nothing + "/copy")
                .then().statusCode(201);
    }

    /** The event of {@code type} about profile {@code id} (they are keyed by organization). */
    private static ReceivedEvent profileEvent(EventProbe events, String type, String id) {
        return events.awaitCount(e -> type.equals(e.type()) && id.equals(e.data().get("profileId").asText()), 1, WAIT).get(0);
    }

    /** Gives {@code user} the profile through the user API, as an OWNER does (USR-02). */
    private static void assignProfile(UserFixtures.Org org, UUID user, String profileId) {
        ExtractableResponse<Response> current = org.asSuperAdmin().get("/api/v1/users/" + user).then().statusCode(200).extract();
        org.asSuperAdmin().header("If-Match", current.header("ETag"))
                .body("{\"lastName\":\"" + current.path("lastName") + "\",\"permissionProfileId\":\"" + profileId + "\"}")
                .put("/api/v1/users/" + user).then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
