package dev.kaigi.scheduling;

import dev.kaigi.events.integration.BusyInterval;
import dev.kaigi.events.integration.CalendarBusyTimesSynced;
import dev.kaigi.events.integration.CalendarLinked;
import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.events.integration.CalendarUnlinked;
import dev.kaigi.events.integration.OpportunityCountsSynced;
import dev.kaigi.events.integration.OwnerOpportunityCount;
import dev.kaigi.events.integration.ZoomLinked;
import dev.kaigi.events.integration.ZoomUnlinked;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserConverted;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.events.user.UserUpdated;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The host read model kept from user-service and integration-service events (LIF-01, LIF-02, SCH-04, SCH-07, EVT-02). */
@QuarkusTest
class HostReadModelTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    private static Object hostField(Org org, UUID user, String field) {
        return org.owner().get("/api/v1/hosts/" + user).then().extract().path(field);
    }

    private static void awaitHost(Org org, UUID user, String field, Object expected) {
        Await.until(user + " " + field + " = " + expected, () -> Objects.equals(expected, hostField(org, user, field)), WAIT);
    }

    @Test
    @DisplayName("LIF-01: a deactivated host stops being one at once, is back when activated; the deactivated user's token is refused")
    void lifecycle() {
        Org org = Org.create("Asia/Tokyo");
        UUID user = org.member();
        org.owner().get("/api/v1/hosts/" + user).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("userType", equalTo("REGULAR")).body("role", equalTo("MEMBER"))
                .body("zoomLinked", equalTo(false)).body("calendarLinked", equalTo(false))
                .body("openOpportunities", nullValue());
        org.as(user, "member").get("/api/v1/hosts/" + user).then().statusCode(200);
        org.as(user, "member").get("/api/v1/hosts/" + org.member()).then().statusCode(403);
        new Org(UUID.randomUUID(), "Asia/Tokyo").owner().get("/api/v1/hosts/" + user).then().statusCode(404);

        TestEvents.publish(new UserDeactivated(org.id(), user, UserType.REGULAR, null, DeactivationReason.ADMIN));
        awaitHost(org, user, "status", "DEACTIVATED");
        org.as(user, "member").get("/api/v1/users/" + user + "/work-schedule").then().statusCode(401)
                .body("code", equalTo("token-revoked"));
        TestEvents.publish(new UserActivated(org.id(), user, UserType.REGULAR));
        awaitHost(org, user, "status", "ACTIVE");
        org.as(user, "member").get("/api/v1/users/" + user + "/work-schedule").then().statusCode(200);

        TestEvents.publish(new UserUpdated(org.id(), user, "New.Address@Acme.example", "Sato", "Hana", Role.MANAGER,
                UserType.REGULAR, null, "https://us05web.zoom.us/j/123", null, List.of("email", "role", "zoomPersonalMeetingUrl")));
        awaitHost(org, user, "role", "MANAGER");
        org.owner().get("/api/v1/hosts/" + user).then().body("email", equalTo("New.Address@Acme.example"))
                .body("zoomPersonalUrlPresent", equalTo(true)).body("status", equalTo("ACTIVE"));
    }

    @Test
    @DisplayName("LIF-01: a deactivated member's token books nothing, whatever the booking asks for; activated, it books again")
    void revokedCallerCannotBook() {
        Org org = Org.create(TOKYO);
        UUID host = host(org, ScheduleBody.in(TOKYO));
        UUID member = org.member();
        String type = meetingType(org, "Intro", 30, "PHONE", 30, host).path("id");
        LocalDate day = upcoming(DayOfWeek.MONDAY, TOKYO);
        org.as(member, "member").body(bookingBody(type, at(day, "10:00", TOKYO), "a@c.example")).post("/api/v1/bookings").then()
                .statusCode(201);

        TestEvents.publish(new UserDeactivated(org.id(), member, UserType.REGULAR, null, DeactivationReason.ADMIN));
        awaitHost(org, member, "status", "DEACTIVATED");
        // the remembered type, an unknown one, a start the type refuses: each path of BookingReads answers 401 first
        for (String body : List.of(bookingBody(type, at(day, "11:00", TOKYO), "b@c.example"),
                bookingBody(UUID.randomUUID(), at(day, "11:00", TOKYO), "b@c.example"),
                bookingBody(type, Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MINUTES), "b@c.example"))) {
            org.as(member, "member").body(body).post("/api/v1/bookings").then().statusCode(401).body("code", equalTo("token-revoked"));
        }
        org.manager().get("/api/v1/bookings").then().statusCode(200).body("totalItems", equalTo(1));

        TestEvents.publish(new UserActivated(org.id(), member, UserType.REGULAR));
        awaitHost(org, member, "status", "ACTIVE");
        org.as(member, "member").body(bookingBody(type, at(day, "11:00", TOKYO), "b@c.example")).post("/api/v1/bookings").then()
                .statusCode(201);
    }

    @Test
    @DisplayName("LIF-04, SCH-07: team users are recorded as such; conversion makes them regular")
    void teamUsers() {
        Org org = Org.create("Asia/Tokyo");
        UUID team = org.join(Role.MEMBER, UserType.TEAM);
        org.await(team);
        org.owner().get("/api/v1/hosts/" + team).then().body("userType", equalTo("TEAM"));
        TestEvents.publish(new UserConverted(org.id(), team, UserType.TEAM, UserType.REGULAR, UUID.randomUUID()));
        awaitHost(org, team, "userType", "REGULAR");
    }

    @Test
    @DisplayName("LIF-02: a deleted user stops being a host and their pool places go to the transfer target; removed users leave pools")
    void deletionTransfersPools() {
        Org org = Org.create("Asia/Tokyo");
        UUID leaving = org.member();
        UUID heir = org.member();
        UUID removed = org.member();
        String both = org.manager().body(pool("Both", leaving, heir, removed)).post("/api/v1/meeting-types").then().statusCode(201)
                .extract().path("id");
        var onlyLeaving = org.manager().body(pool("Only", leaving)).post("/api/v1/meeting-types").then().statusCode(201).extract();
        String only = onlyLeaving.path("id");

        TestEvents.publish(new UserDeleted(org.id(), leaving, heir, UUID.randomUUID()));
        TestEvents.publish(new UserRemoved(org.id(), removed, null));
        awaitHost(org, leaving, "status", "DELETED");
        awaitHost(org, removed, "status", "REMOVED");
        org.manager().get("/api/v1/meeting-types/" + both).then().body("hostPool", contains(heir.toString()));
        org.manager().get("/api/v1/meeting-types/" + only).then().body("hostPool", contains(heir.toString()))
                .header("ETag", not(equalTo(onlyLeaving.header("ETag"))));
        // gone users have no schedule any more, and a late profile update does not bring them back
        org.owner().get("/api/v1/users/" + leaving + "/work-schedule").then().statusCode(404);
        TestEvents.publish(new UserJoined(org.id(), leaving, "late@acme.example", "Late", "Event", Role.MEMBER,
                UserType.REGULAR, UserStatus.ACTIVE, JoinedVia.SAME_DOMAIN, null, null, null));
        TestEvents.publish(new UserActivated(org.id(), leaving, UserType.REGULAR));
        TestEvents.publish(new UserUpdated(org.id(), leaving, "late@acme.example", "Late", "Event", Role.RESTRICTED,
                UserType.REGULAR, null, null, null, List.of("role")));
        awaitHost(org, leaving, "role", "RESTRICTED"); // the last of the user's events: the others were applied
        org.owner().get("/api/v1/users/" + leaving + "/work-schedule").then().statusCode(404);
        org.owner().get("/api/v1/hosts/" + leaving).then().body("status", equalTo("DELETED"));
        org.manager().body(pool("Again", leaving)).post("/api/v1/meeting-types").then().statusCode(400)
                .body("errors[0].field", equalTo("hostPool[0]"));
    }

    /** A later event of the same user (same partition) proves the earlier ones were applied. */
    private static void awaitHostSettled(Org org, UUID user) {
        TestEvents.publish(new ZoomLinked(org.id(), user, "settle-" + UUID.randomUUID()));
        awaitHost(org, user, "zoomLinked", true);
    }

    private static String pool(String name, UUID... hosts) {
        return "{\"name\":\"" + name + "\",\"durationMinutes\":30,\"conferencingMethod\":\"PHONE\",\"hostPool\":["
                + SchedulingFixtures.jsonIds(hosts) + "]}";
    }

    @Test
    @DisplayName("INT-01, INT-04, SCH-07: Zoom and calendar links; integration events for a user not known yet are kept, not failed")
    void integrationLinks() {
        Org org = Org.create("Asia/Tokyo");
        UUID early = UUID.randomUUID();
        // integration-service speaks first (another topic, no order between them)
        TestEvents.publish(new ZoomLinked(org.id(), early, "zoom-1"));
        TestEvents.publish(new CalendarLinked(org.id(), early, CalendarProvider.GOOGLE, "early@acme.example"));
        Await.until("the early rows", () -> count("select count(*) from host where user_id = '" + early
                + "' and zoom_linked and calendar_linked and status is null") == 1, WAIT);
        org.owner().get("/api/v1/hosts/" + early).then().statusCode(404); // not a member yet
        TestEvents.publish(new UserJoined(org.id(), early, "early@acme.example", "Early", "Bird", Role.MEMBER,
                UserType.REGULAR, UserStatus.ACTIVE, JoinedVia.INVITATION_ACCEPTED, null, null, null));
        org.await(early);
        org.owner().get("/api/v1/hosts/" + early).then().body("status", equalTo("ACTIVE"))
                .body("zoomLinked", equalTo(true)).body("calendarLinked", equalTo(true)).body("calendarProvider", equalTo("GOOGLE"));

        TestEvents.publish(new ZoomUnlinked(org.id(), early));
        TestEvents.publish(new CalendarUnlinked(org.id(), early, CalendarProvider.GOOGLE));
        awaitHost(org, early, "calendarLinked", false);
        org.owner().get("/api/v1/hosts/" + early).then().body("zoomLinked", equalTo(false)).body("calendarProvider", nullValue());

        // an event naming a user of another organization is ignored, not retried forever
        Org other = Org.create("Asia/Tokyo");
        TestEvents.publish(new CalendarBusyTimesSynced(other.id(), early, Instant.parse("2030-01-01T00:00:00Z"),
                Instant.parse("2030-01-02T00:00:00Z"), List.of(new BusyInterval(Instant.parse("2030-01-01T01:00:00Z"),
                Instant.parse("2030-01-01T02:00:00Z")))));
        awaitHostSettled(org, early);
        assertEquals(0, count("select count(*) from busy_time where user_id = '" + early + "'"));
        assertEquals(org.id().toString(), string("select org_id from host where user_id = '" + early + "'"));
    }

    @Test
    @DisplayName("SCH-04: opportunity counts match hosts by address, a complete sync replaces the last, an older one is ignored")
    void opportunityCounts() {
        Org org = Org.create("Asia/Tokyo");
        UUID user = org.member();
        String email = (String) hostField(org, user, "email");
        Instant first = Instant.parse("2030-05-01T06:00:00Z");
        TestEvents.publish(new OpportunityCountsSynced(org.id(), first,
                List.of(new OwnerOpportunityCount(email.toUpperCase(), 7), new OwnerOpportunityCount("someone@else.example", 2))));
        awaitHost(org, user, "openOpportunities", 7);
        org.owner().get("/api/v1/hosts/" + user).then().body("opportunitiesSyncedAt", equalTo("2030-05-01T06:00:00Z"));

        // the next day's list no longer has this owner: 0 open
        TestEvents.publish(new OpportunityCountsSynced(org.id(), first.plusSeconds(86_400), List.of()));
        awaitHost(org, user, "openOpportunities", 0);
        // a stale sync delivered late changes nothing
        TestEvents.publish(new OpportunityCountsSynced(org.id(), first, List.of(new OwnerOpportunityCount(email, 9))));
        TestEvents.publish(new OpportunityCountsSynced(org.id(), first.plusSeconds(86_400), List.of()));
        Await.until("both later syncs applied", () -> count("select count(*) from inbox where event_type like '%opportunity-counts%'") >= 4, WAIT);
        org.owner().get("/api/v1/hosts/" + user).then().body("openOpportunities", equalTo(0))
                .body("opportunitiesSyncedAt", equalTo("2030-05-02T06:00:00Z"));
    }

    @Test
    @DisplayName("SCH-07, EVT-02: busy times replace those inside the synced window, keep the parts outside; a redelivery changes nothing")
    void busyTimes() {
        Org org = Org.create("Asia/Tokyo");
        UUID user = org.member();
        Instant day = Instant.parse("2030-03-10T00:00:00Z");
        TestEvents.publish(new CalendarBusyTimesSynced(org.id(), user, day, day.plusSeconds(7 * 86_400), List.of(
                new BusyInterval(day.plusSeconds(3_600), day.plusSeconds(7_200)),
                new BusyInterval(day.plusSeconds(86_400 + 3_600), day.plusSeconds(86_400 + 10_800)))));
        Await.until("two busy times", () -> count("select count(*) from busy_time where user_id = '" + user + "'") == 2, WAIT);

        // a new read of day 2 only: the day-2 time is replaced, the straddling one is cut at the window
        UUID eventId = UUID.randomUUID();
        CalendarBusyTimesSynced resync = new CalendarBusyTimesSynced(org.id(), user, day.plusSeconds(86_400 + 7_200),
                day.plusSeconds(2 * 86_400), List.of(new BusyInterval(day.plusSeconds(86_400 + 36_000), day.plusSeconds(86_400 + 39_600))));
        TestEvents.publish(eventId, resync);
        TestEvents.publish(eventId, resync);
        awaitHostSettled(org, user);
        assertEquals(List.of("2030-03-10T01:00:00Z/2030-03-10T02:00:00Z", "2030-03-11T01:00:00Z/2030-03-11T02:00:00Z",
                "2030-03-11T10:00:00Z/2030-03-11T11:00:00Z"), busy(user));
    }

    private List<String> busy(UUID user) {
        List<String> found = new ArrayList<>();
        try (Connection c = db.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(
                "select start_at, end_at from busy_time where user_id = '" + user + "' order by start_at")) {
            while (rs.next()) {
                found.add(rs.getObject(1, java.time.OffsetDateTime.class).toInstant() + "/"
                        + rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    private int count(String sql) {
        return Integer.parseInt(string(sql));
    }

    private String string(String sql) {
        return SchedulingFixtures.sqlValue(db, sql);
    }
}
