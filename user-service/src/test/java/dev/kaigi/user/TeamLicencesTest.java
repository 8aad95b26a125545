package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** LIC-05 and LIC-06 end to end: licensing-service takes team licences away, user-service deactivates team users. */
@QuarkusTest
class TeamLicencesTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static RequestSpecification licensingOwner(UserFixtures.Org org) {
        return UserFixtures.licensing().auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner"))
                .contentType("application/json");
    }

    /** An organization on STANDARD with team licences on and two active team users. */
    private static List<UUID> withTeamUsers(UserFixtures.Org org) {
        licensingOwner(org).body("{\"plan\":\"STANDARD\"}").put("/api/v1/subscription/plan").then().statusCode(200);
        licensingOwner(org).body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then().statusCode(200);
        licensingOwner(org).body("{\"pool\":\"TEAM\",\"quantity\":2}").post("/api/v1/subscription/seats").then().statusCode(200);
        return List.of(org.addActive("MEMBER", "TEAM"), org.addActive("RESTRICTED", "TEAM"));
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    private boolean applied(String eventId) throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select count(*) from inbox where event_id = '" + UUID.fromString(eventId) + "'")) {
            rs.next();
            return rs.getLong(1) == 1;
        }
    }

    private static void awaitStatus(UserFixtures.Org org, UUID user, String status) {
        Await.until(user + " to be " + status, () ->
                status.equals(org.asSuperAdmin().get("/api/v1/users/" + user).then().extract().path("status")), WAIT);
    }

    @Test
    @DisplayName("LIC-05: switching team licences off deactivates every team user; regular users stay")
    void disablingTeamLicencesDeactivatesTeamUsers() {
        UserFixtures.Org org = newOrganization();
        List<UUID> team = withTeamUsers(org);
        UUID regular = org.addActive("MEMBER", "REGULAR");
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            licensingOwner(org).body("{\"enabled\":false}").put("/api/v1/subscription/team-licences").then().statusCode(200);
            for (UUID user : team) {
                awaitStatus(org, user, "DEACTIVATED");
                assertEquals("TEAM_LICENCES_DISABLED",
                        events.await(EventTypes.USER_DEACTIVATED, user.toString(), WAIT).data().get("reason").asText());
            }
        }
        org.asSuperAdmin().get("/api/v1/users/" + regular).then().body("status", equalTo("ACTIVE"));
        Await.until("licensing to free the team seats", () -> org.assignedSeats("TEAM") == 0, WAIT);
    }

    @Test
    @DisplayName("LIC-06, USR-07: moving to FREE deactivates team users with a copy of their profile, kept on conversion")
    void downgradeCopiesProfileAndDeactivates() {
        UserFixtures.Org org = newOrganization();
        List<UUID> team = withTeamUsers(org);
        licensingOwner(org).body("{\"plan\":\"FREE\"}").put("/api/v1/subscription/plan").then().statusCode(200);
        for (UUID user : team) {
            awaitStatus(org, user, "DEACTIVATED");
        }
        var profiles = org.asSuperAdmin().get("/api/v1/permission-profiles").then().statusCode(200)
                .body("findAll { !it.system }", hasSize(1)).extract();
        String copyId = profiles.path("find { !it.system }.id");
        String copyName = profiles.path("find { !it.system }.name");
        // made for regular users, the only way back (LIF-04), and granting what the team profile did: nothing
        assertEquals("REGULAR", profiles.path("find { !it.system }.userType"));
        assertEquals(List.of(), profiles.path("find { !it.system }.permissions"));
        for (UUID user : team) {
            org.asSuperAdmin().get("/api/v1/users/" + user).then().body("permissionProfileId", equalTo(copyId));
        }
        assertEquals(true, copyName.startsWith("Team user ("));

        org.regularSeats(5);
        org.asSuperAdmin().body("{\"permissionProfileId\":\"" + copyId + "\"}")
                .post("/api/v1/users/" + team.get(0) + "/convert-to-regular").then().statusCode(200)
                .body("userType", equalTo("REGULAR")).body("status", equalTo("ACTIVE")).body("permissionProfileId", equalTo(copyId));
    }

    @Test
    @DisplayName("LIC-05: a listed team user whose add commits after the event was read is deactivated too")
    void listedTeamUserAddedLateIsDeactivated() throws Exception {
        UserFixtures.Org org = newOrganization();
        UUID late = UUID.randomUUID();
        TestEvents.publish(new dev.kaigi.events.licensing.TeamLicencesDisabled(org.id(), List.of(late)));
        Thread.sleep(1000); // the event is read and waits for the add in flight
        try (var c = dataSource.getConnection(); var ps = c.prepareStatement("""
                insert into app_user (id, org_id, email, email_key, last_name, role, user_type, status, permission_profile_id)
                values (?, ?, ?, ?, 'Late', 'MEMBER', 'TEAM', 'ACTIVE', ?)""")) {
            String email = "late-" + late + "@" + org.domain();
            ps.setObject(1, late);
            ps.setObject(2, org.id());
            ps.setString(3, email);
            ps.setString(4, email);
            ps.setObject(5, org.teamProfile());
            ps.executeUpdate(); // the add commits only now
        }
        awaitStatus(org, late, "DEACTIVATED");
    }

    @Test
    @DisplayName("LIC-03/LIC-04: an OWNER taking an active user's seat back in licensing deactivates the user here")
    void seatUnassignedByOwnerDeactivates() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        UUID member = org.addActive("MEMBER", "REGULAR");
        String assignment = licensingOwner(org).queryParam("userId", member.toString()).get("/api/v1/seat-assignments")
                .then().statusCode(200).extract().path("items[0].id");
        licensingOwner(org).delete("/api/v1/seat-assignments/" + assignment).then().statusCode(204);
        awaitStatus(org, member, "DEACTIVATED");
        org.as(member, "member").get("/api/v1/users/me").then().statusCode(401);
        // the super admin cannot lose their seat for good (ORG-04)
        String admins = licensingOwner(org).queryParam("userId", org.superAdmin().toString()).get("/api/v1/seat-assignments")
                .then().extract().path("items[0].id");
        licensingOwner(org).delete("/api/v1/seat-assignments/" + admins).then().statusCode(204);
        Await.until("the super admin's seat to be taken back", () -> licensingOwner(org)
                .queryParam("userId", org.superAdmin().toString()).get("/api/v1/seat-assignments").then().extract()
                .jsonPath().getList("items").size() == 1, WAIT);
        org.asSuperAdmin().get("/api/v1/users/" + org.superAdmin()).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    @DisplayName("LIC-06: with no active team users, a downgrade makes no copy")
    void downgradeWithoutTeamUsersMakesNoCopy() {
        UserFixtures.Org org = newOrganization();
        licensingOwner(org).body("{\"plan\":\"PROFESSIONAL\"}").put("/api/v1/subscription/plan").then().statusCode(200);
        String eventId;
        try (EventProbe events = EventProbe.open(Topics.LICENSING)) {
            licensingOwner(org).body("{\"plan\":\"FREE\"}").put("/api/v1/subscription/plan").then().statusCode(200);
            eventId = events.await(EventTypes.PLAN_CHANGED, org.id().toString(), WAIT).id();
        }
        Await.until("user-service to apply plan-changed", () -> applied(eventId), WAIT);
        org.asSuperAdmin().get("/api/v1/permission-profiles").then().body("findAll { it.userType == 'TEAM' }", hasSize(1));
    }
}
