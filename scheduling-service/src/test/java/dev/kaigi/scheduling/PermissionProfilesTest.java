package dev.kaigi.scheduling;

import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.PermissionProfileDeleted;
import dev.kaigi.events.user.PermissionProfileSaved;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static dev.kaigi.scheduling.SchedulingFixtures.jsonIds;

/**
 * USR-07 in scheduling-service: the caller's permission profile, as user-service's events tell it, narrows what
 * their role allows, and a change of the profile applies to tokens already issued within seconds.
 */
@QuarkusTest
class PermissionProfilesTest {

    @Test
    @DisplayName("USR-07: a MANAGER whose profile lacks manage-meeting-types is refused until the profile grants it")
    void profileNarrowsTheRoleAndAChangeAppliesToTheSameToken() {
        Org org = Org.create("Asia/Tokyo");
        UUID pool = host(org, ScheduleBody.in("Asia/Tokyo"));
        UUID profile = UUID.randomUUID();
        TestEvents.publish(new PermissionProfileSaved(org.id(), profile, "Bookings only", UserType.REGULAR,
                List.of(ProfilePermission.SEE_ALL_BOOKINGS)));
        UUID manager = joined(org, Role.MANAGER, profile);

        Await.until("the profile known here", () -> createType(org.as(manager, "manager"), pool) == 403, WAIT);
        org.as(manager, "manager").get("/api/v1/bookings").then().statusCode(200); // granted by the role alone

        TestEvents.publish(new PermissionProfileSaved(org.id(), profile, "Bookings and types", UserType.REGULAR,
                List.of(ProfilePermission.SEE_ALL_BOOKINGS, ProfilePermission.MANAGE_MEETING_TYPES)));
        Await.until("the changed profile applied to the same token", () -> createType(org.as(manager, "manager"), pool) == 201, WAIT);
    }

    @Test
    @DisplayName("USR-07: a profile never widens a role: a MEMBER holding every permission still cannot manage meeting types")
    void profileNeverWidensTheRole() {
        Org org = Org.create("Asia/Tokyo");
        UUID pool = host(org, ScheduleBody.in("Asia/Tokyo"));
        UUID profile = UUID.randomUUID();
        TestEvents.publish(new PermissionProfileSaved(org.id(), profile, "Everything", UserType.REGULAR,
                List.of(ProfilePermission.values())));
        UUID member = joined(org, Role.MEMBER, profile);
        org.await(member);
        org.as(member, "member").body(typeBody(pool)).post("/api/v1/meeting-types").then().statusCode(403);
    }

    @Test
    @DisplayName("USR-07: without a known profile the role decides; a deleted profile stops narrowing")
    void unknownOrDeletedProfileLeavesTheRoleToDecide() {
        Org org = Org.create("Asia/Tokyo");
        UUID pool = host(org, ScheduleBody.in("Asia/Tokyo"));
        UUID profile = UUID.randomUUID();
        TestEvents.publish(new PermissionProfileSaved(org.id(), profile, "Nothing", UserType.REGULAR, List.of()));
        UUID owner = joined(org, Role.OWNER, profile);
        Await.until("the empty profile narrows the OWNER", () -> createType(org.as(owner, "owner"), pool) == 403, WAIT);
        TestEvents.publish(new PermissionProfileDeleted(org.id(), profile));
        Await.until("the deleted profile no longer narrows", () -> createType(org.as(owner, "owner"), pool) == 201, WAIT);
        org.manager().body(typeBody(pool)).post("/api/v1/meeting-types").then().statusCode(201); // a user not known here
    }

    private static UUID joined(Org org, Role role, UUID profile) {
        UUID user = UUID.randomUUID();
        TestEvents.publish(new UserJoined(org.id(), user, "p" + user.toString().substring(0, 8) + "@acme.example", "Sato", "Hana",
                role, UserType.REGULAR, UserStatus.ACTIVE, JoinedVia.SAME_DOMAIN, null, null, null, null, profile));
        return user;
    }

    private static int createType(RequestSpecification as, UUID pool) {
        return as.body(typeBody(pool)).post("/api/v1/meeting-types").statusCode();
    }

    private static String typeBody(UUID pool) {
        return """
                {"name":"Demo %s","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":[%s],"slotStepMinutes":30,
                 "minimumNoticeMinutes":0,"bookingHorizonDays":60}""".formatted(UUID.randomUUID(), jsonIds(pool));
    }
}
