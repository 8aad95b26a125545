package dev.kaigi.scheduling;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.scheduling.MeetingCalendar;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** A booking's life after it is made: manage link, reschedule, reassign, a host who leaves (MTG-02 .. MTG-05). */
@QuarkusTest
class BookingLifeTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    private static ExtractableResponse<Response> book(Org org, String type, Instant start) {
        return org.manager().body(bookingBody(type, start, "lead@customer.example")).post("/api/v1/bookings").then().statusCode(201).extract();
    }

    private static String reschedule(String start) {
        return "{\"start\":\"" + start + "\",\"reason\":\"clash\"}";
    }

    private String booked(UUID host, LocalDate day) {
        return sql(db, "select coalesce((select booked from host_day where user_id = '" + host + "' and day = '" + day + "'), 0)");
    }

    @Test
    @DisplayName("MTG-02, USR-08: the 201 carries the manage token and the host's contact, also when replayed; the link shows the booking in the lead's zone, its host and "
            + "the host's contact; "
            + "a tampered, malformed or expired token is 404; only the token's hash is stored")
    void mtg02ManageLinkShowsTheBookingToItsLeadOnly() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Demo", 30, "PHONE", 30, a).path("id");
        String pageId = org.manager().get("/api/v1/meeting-types/" + type).then().extract().path("publicBookingId");
        Instant start = at(upcoming(DayOfWeek.MONDAY, TOKYO), "10:00", TOKYO);
        var booked = given().contentType("application/json").body("""
                        {"start":"%s","lead":{"name":"Jane Doe","email":"jane@customer.example","locale":"en","timeZone":"America/New_York"}}"""
                        .formatted(start))
                .post("/api/v1/public/booking-pages/" + pageId + "/bookings").then().statusCode(201).extract();
        String token = booked.path("manageToken");
        assertEquals(43, token.length());
        assertEquals(SchedulingFixtures.CONTACT, booked.path("hostContact")); // USR-08: the lead's 201
        String key = "usr-08-" + UUID.randomUUID();
        Instant later = at(upcoming(DayOfWeek.MONDAY, TOKYO), "11:00", TOKYO);
        for (int answer = 0; answer < 2; answer++) { // the first answer, then its replay, each with the host's contact
            org.owner().header("Idempotency-Key", key).body(bookingBody(type, later, "lead@customer.example"))
                    .post("/api/v1/bookings").then().statusCode(201)
                    .body("hostUserId", equalTo(a.toString())).body("hostContact", equalTo(SchedulingFixtures.CONTACT));
        }

        given().get("/api/v1/public/bookings/" + token).then().statusCode(200)
                .body("status", equalTo("BOOKED")).body("timeZone", equalTo("America/New_York"))
                .body("localStart", equalTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(start.atZone(ZoneId.of("America/New_York")))))
                .body("hostName", equalTo("Hana Sato")).body("leadName", equalTo("Jane Doe")).body("changeable", equalTo(true))
                .body("hostContact", equalTo(SchedulingFixtures.CONTACT)); // USR-08
        String tampered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        given().get("/api/v1/public/bookings/" + tampered).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/public/bookings/" + token.substring(1)).then().statusCode(404);
        given().get("/api/v1/public/bookings/%00" + token.substring(3)).then().statusCode(404);
        // only the hash: neither the booking, the kept answers nor the outbox hold the token
        assertEquals("1", sql(db, "select count(*) from booking where manage_token_hash = sha256(convert_to('" + token + "', 'UTF8'))"));
        assertEquals("0", sql(db, "select count(*) from idempotency_key where response like '%" + token + "%'"));
        assertEquals("0", sql(db, "select count(*) from outbox where payload::text like '%" + token + "%'"));
        // the link works until the meeting ends
        sql(db, "update booking set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour', "
                + "blocked_from = now() - interval '2 hours', blocked_to = now() - interval '1 hour' where id = '" + booked.path("id") + "' returning 1");
        given().get("/api/v1/public/bookings/" + token).then().statusCode(404);
    }

    @Test
    @DisplayName("MTG-02, MTG-01: the lead cancels through the link; meeting-cancelled names the lead, the UID and a raised sequence")
    void mtg02LeadCancelsThroughTheLink() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Demo", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.TUESDAY, TOKYO);
        var booked = book(org, type, at(day, "10:00", TOKYO));
        String id = booked.path("id");
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            given().contentType("application/json").body("{\"reason\":\"no longer needed\"}")
                    .post("/api/v1/public/bookings/" + booked.path("manageToken") + "/cancel").then().statusCode(200)
                    .body("status", equalTo("CANCELLED")).body("changeable", equalTo(false));
            ReceivedEvent cancelled = probe.await(EventTypes.MEETING_CANCELLED, a.toString(), WAIT);
            assertEquals(id, cancelled.data().get("bookingId").asText());
            assertEquals("LEAD", cancelled.data().get("actor").asText());
            assertEquals("no longer needed", cancelled.data().get("reason").asText());
            assertEquals(MeetingCalendar.uid(UUID.fromString(id)), cancelled.data().get("calendarUid").asText());
            assertEquals(1, cancelled.data().get("sequence").asInt());
        }
        assertEquals("0", booked(a, day));
        given().contentType("application/json").body("{}").post("/api/v1/public/bookings/" + booked.path("manageToken") + "/reschedule")
                .then().statusCode(400);
        given().contentType("application/json").body(reschedule(at(day, "11:00", TOKYO).toString()))
                .post("/api/v1/public/bookings/" + booked.path("manageToken") + "/reschedule").then().statusCode(409)
                .body("code", equalTo("booking-cancelled"));
    }

    @Test
    @DisplayName("MTG-03: the host keeps the meeting at a new time on another day; the old day is freed, the new one taken, "
            + "meeting-rescheduled carries before and after; If-Match guards against a stale read")
    void mtg03RescheduleKeepsTheHostAndMovesTheCounters() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Demo", 30, "PHONE", 30, a, b).path("id");
        LocalDate monday = upcoming(DayOfWeek.MONDAY, TOKYO);
        var booked = book(org, type, at(monday, "10:00", TOKYO));
        String id = booked.path("id");
        UUID host = UUID.fromString(booked.path("hostUserId"));
        String etag = org.manager().get("/api/v1/bookings/" + id).then().statusCode(200).extract().header("ETag");
        assertEquals("\"0\"", etag);

        Instant wednesday = at(monday.plusDays(2), "15:00", TOKYO);
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            org.as(host, "member").header("If-Match", etag).body(reschedule(wednesday.toString()))
                    .post("/api/v1/bookings/" + id + "/reschedule").then().statusCode(200).header("ETag", "\"1\"")
                    .body("hostUserId", equalTo(host.toString())).body("start", equalTo(wednesday.toString()))
                    .body("sequence", equalTo(1));
            ReceivedEvent moved = probe.await(EventTypes.MEETING_RESCHEDULED, host.toString(), WAIT);
            assertEquals(id, moved.data().get("bookingId").asText());
            assertEquals(at(monday, "10:00", TOKYO).toString(), moved.data().get("previousStartsAt").asText());
            assertEquals(wednesday.toString(), moved.data().get("startsAt").asText());
            assertEquals(host.toString(), moved.data().get("previousHostUserId").asText());
            assertEquals(TOKYO, moved.data().get("hostTimeZone").asText());
            assertEquals("HOST", moved.data().get("actor").asText());
            assertEquals(1, moved.data().get("sequence").asInt());
        }
        assertEquals("0", booked(host, monday));
        assertEquals("1", booked(host, monday.plusDays(2)));
        // a second change with the old ETag: the booking changed since, nothing moves
        org.manager().header("If-Match", etag).body(reschedule(at(monday.plusDays(3), "15:00", TOKYO).toString()))
                .post("/api/v1/bookings/" + id + "/reschedule").then().statusCode(412).body("code", equalTo("booking-changed"));
        org.manager().header("If-Match", "W/1").body(reschedule(at(monday.plusDays(3), "15:00", TOKYO).toString()))
                .post("/api/v1/bookings/" + id + "/reschedule").then().statusCode(400).body("errors.field", contains("If-Match"));
        assertEquals("1", booked(host, monday.plusDays(2)));
    }

    @Test
    @DisplayName("MTG-07: a booking keeps its type's reminders as booked; meeting-booked and meeting-rescheduled carry them "
            + "even after the type's reminders changed")
    void mtg07BookingEventsCarryTheRemindersAsBooked() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = org.manager().body("""
                        {"name":"Demo","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":["%s"],"slotStepMinutes":30,
                         "minimumNoticeMinutes":0,"bookingHorizonDays":365,"reminderMinutesBefore":[1440,60]}""".formatted(a))
                .post("/api/v1/meeting-types").then().statusCode(201).extract().path("id");
        LocalDate day = upcoming(DayOfWeek.WEDNESDAY, TOKYO);
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            String id = book(org, type, at(day, "10:00", TOKYO)).path("id");
            ReceivedEvent booked = probe.await(EventTypes.MEETING_BOOKED, a.toString(), WAIT);
            assertEquals("[60,1440]", booked.data().get("reminderMinutesBefore").toString());

            String etag = org.manager().get("/api/v1/meeting-types/" + type).then().extract().header("ETag");
            org.manager().header("If-Match", etag).body("""
                            {"name":"Demo","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":["%s"],"slotStepMinutes":30,
                             "minimumNoticeMinutes":0,"bookingHorizonDays":365,"reminderMinutesBefore":[15]}""".formatted(a))
                    .put("/api/v1/meeting-types/" + type).then().statusCode(200).body("reminderMinutesBefore", contains(15));
            org.manager().body(reschedule(at(day, "14:00", TOKYO).toString())).post("/api/v1/bookings/" + id + "/reschedule")
                    .then().statusCode(200);
            ReceivedEvent moved = probe.await(EventTypes.MEETING_RESCHEDULED, a.toString(), WAIT);
            assertEquals("[60,1440]", moved.data().get("reminderMinutesBefore").toString());
        }
    }

    @Test
    @DisplayName("MTG-03: a reschedule sent again with its Idempotency-Key gets the first answer and moves nothing; "
            + "the key for another request is 422")
    void mtg03RescheduleWithAnIdempotencyKey() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Demo", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.TUESDAY, TOKYO);
        String id = book(org, type, at(day, "10:00", TOKYO)).path("id");
        String body = reschedule(at(day, "14:00", TOKYO).toString());
        String first = org.manager().header("Idempotency-Key", "move-1").body(body).post("/api/v1/bookings/" + id + "/reschedule")
                .then().statusCode(200).header("ETag", "\"1\"").extract().asString();
        org.manager().header("Idempotency-Key", "move-1").body(body).post("/api/v1/bookings/" + id + "/reschedule").then().statusCode(200)
                .header("Idempotent-Replayed", "true").header("ETag", "\"1\"").body(equalTo(first));
        org.manager().header("Idempotency-Key", "move-1").body(reschedule(at(day, "15:00", TOKYO).toString()))
                .post("/api/v1/bookings/" + id + "/reschedule").then().statusCode(422);
        assertEquals("1", sql(db, "select sequence from booking where id = '" + id + "'"));
        assertEquals("1", sql(db, "select count(*) from outbox where event_type = '" + EventTypes.MEETING_RESCHEDULED.name()
                + "' and payload->>'bookingId' = '" + id + "'"));
    }

    @Test
    @DisplayName("MTG-03: at the cap the host keeps a meeting moved within its own day, over its own old time; refused in the past, "
            + "and for a MEMBER who is not the host")
    void mtg03SameDayAtTheCapAndRefusals() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).dailyCap(1));
        UUID b = host(org, ScheduleBody.in(TOKYO).dailyCap(1));
        String type = meetingType(org, "Demo", 60, "PHONE", 30, a, b).path("id");
        LocalDate day = upcoming(DayOfWeek.THURSDAY, TOKYO);
        var first = book(org, type, at(day, "10:00", TOKYO));
        UUID firstHost = UUID.fromString(first.path("hostUserId"));
        // the same day, half an hour later: overlaps its own old time, and the host is at the cap of 1
        org.manager().body(reschedule(at(day, "10:30", TOKYO).toString())).post("/api/v1/bookings/" + first.path("id") + "/reschedule")
                .then().statusCode(200).body("hostUserId", equalTo(firstHost.toString()));
        assertEquals("1", booked(firstHost, day));

        // inside the minimum notice, in the past: a conflict, with the field
        org.manager().body(reschedule(Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.HOURS).toString()))
                .post("/api/v1/bookings/" + first.path("id") + "/reschedule").then().statusCode(409)
                .body("code", equalTo("cannot-reschedule")).body("errors.code", hasItem("in-the-past"));
        // a MEMBER who is not its host does not see it
        org.as(org.member(), "member").body(reschedule(at(day.plusDays(2), "10:00", TOKYO).toString()))
                .post("/api/v1/bookings/" + first.path("id") + "/reschedule").then().statusCode(404);
    }

    @Test
    @DisplayName("MTG-03: when its host is busy at the new time the pool's fair choice takes the meeting, the counters follow")
    void mtg03BusyHostHandsTheMeetingToThePool() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        String onlyA = meetingType(org, "Only A", 30, "PHONE", 30, a).path("id");
        String both = meetingType(org, "Both", 30, "PHONE", 30, a, b).path("id");
        LocalDate day = upcoming(DayOfWeek.FRIDAY, TOKYO);
        book(org, onlyA, at(day, "16:00", TOKYO)); // a is busy at 16:00
        var meeting = book(org, both, at(day, "10:00", TOKYO));
        assertEquals(b.toString(), meeting.path("hostUserId"), "fair order: b has none that day");
        // to 16:00, where b is free: b keeps it, though a has fewer meetings that day
        org.manager().body(reschedule(at(day, "16:00", TOKYO).toString())).post("/api/v1/bookings/" + meeting.path("id") + "/reschedule")
                .then().statusCode(200).body("hostUserId", equalTo(b.toString()));
        // to 11:00, where b has another meeting: a takes it
        String onlyB = meetingType(org, "Only B", 30, "PHONE", 30, b).path("id");
        book(org, onlyB, at(day, "11:00", TOKYO));
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            org.manager().body(reschedule(at(day, "11:00", TOKYO).toString()))
                    .post("/api/v1/bookings/" + meeting.path("id") + "/reschedule").then().statusCode(200)
                    .body("hostUserId", equalTo(a.toString())).body("hostTimeZone", equalTo(TOKYO));
            ReceivedEvent moved = probe.await(EventTypes.MEETING_RESCHEDULED, a.toString(), WAIT);
            assertEquals(b.toString(), moved.data().get("previousHostUserId").asText());
            assertEquals(a.toString(), moved.data().get("hostUserId").asText());
            assertEquals("ADMIN", moved.data().get("actor").asText());
        }
        assertEquals("2", booked(a, day));
        assertEquals("1", booked(b, day));
        // at 11:00 both are busy now (a with the moved meeting, b with its own): 409 naming both
        var other = book(org, both, at(day, "14:00", TOKYO));
        org.manager().body(reschedule(at(day, "11:00", TOKYO).toString())).post("/api/v1/bookings/" + other.path("id") + "/reschedule")
                .then().statusCode(409).body("code", equalTo("no-host-available"))
                .body("errors.field", contains("hosts[" + a + "]", "hosts[" + b + "]"));
    }

    @Test
    @DisplayName("MTG-04: a MANAGER hands a booking to an eligible host (meeting-reassigned, counters follow); an ineligible host "
            + "is a 409 with the reasons; a MEMBER may not")
    void mtg04ReassignToANamedEligibleHost() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        UUID late = host(org, ScheduleBody.in(TOKYO).hours("13:00", "18:00"));
        String onlyA = meetingType(org, "Only A", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.MONDAY, TOKYO);
        String id = book(org, onlyA, at(day, "10:00", TOKYO)).path("id");

        org.as(a, "member").body("{\"hostUserId\":\"" + b + "\"}").post("/api/v1/bookings/" + id + "/reassign").then().statusCode(403);
        org.manager().body("{\"hostUserId\":\"" + late + "\"}").post("/api/v1/bookings/" + id + "/reassign").then().statusCode(409)
                .body("code", equalTo("host-not-eligible")).body("errors.code", contains("outside-working-hours"));
        org.manager().body("{\"hostUserId\":\"" + UUID.randomUUID() + "\"}").post("/api/v1/bookings/" + id + "/reassign").then()
                .statusCode(400).body("errors.field", contains("hostUserId"));
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            org.manager().header("If-Match", "\"0\"").body("{\"hostUserId\":\"" + b + "\"}").post("/api/v1/bookings/" + id + "/reassign")
                    .then().statusCode(200).header("ETag", "\"1\"").body("hostUserId", equalTo(b.toString()));
            ReceivedEvent reassigned = probe.await(EventTypes.MEETING_REASSIGNED, b.toString(), WAIT);
            assertEquals(a.toString(), reassigned.data().get("fromHostUserId").asText());
            assertEquals("MANUAL", reassigned.data().get("reason").asText());
            assertEquals("ADMIN", reassigned.data().get("actor").asText());
        }
        assertEquals("0", booked(a, day));
        assertEquals("1", booked(b, day));
        org.as(b, "member").get("/api/v1/bookings/" + id).then().statusCode(200);
        org.as(a, "member").get("/api/v1/bookings/" + id).then().statusCode(404);
    }

    @Test
    @DisplayName("MTG-05: a deactivated host's future meetings go to an eligible host of the pool; one nobody can take is "
            + "cancelled as host-unavailable; a removed host's go the same way")
    void mtg05AHostWhoLeavesHandsTheirMeetingsOver() {
        Org org = Org.create(TOKYO);
        UUID leaving = host(org, ScheduleBody.in(TOKYO));
        UUID second = host(org, ScheduleBody.in(TOKYO));
        UUID third = host(org, ScheduleBody.in(TOKYO));
        String pool = meetingType(org, "Pool", 30, "PHONE", 30, leaving, second, third).path("id");
        String onlyLeaving = meetingType(org, "Only leaving", 30, "PHONE", 30, leaving).path("id");
        LocalDate day = upcoming(DayOfWeek.WEDNESDAY, TOKYO);
        String handed = book(org, pool, at(day, "10:00", TOKYO)).path("id");
        org.manager().body("{\"hostUserId\":\"" + leaving + "\"}").post("/api/v1/bookings/" + handed + "/reassign").then().statusCode(200);
        String stranded = book(org, onlyLeaving, at(day, "12:00", TOKYO)).path("id");

        UUID heir;
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            TestEvents.publish(new UserDeactivated(org.id(), leaving, UserType.REGULAR, null, DeactivationReason.ADMIN));
            ReceivedEvent cancelled = probe.await(EventTypes.MEETING_CANCELLED, leaving.toString(), WAIT);
            assertEquals(stranded, cancelled.data().get("bookingId").asText());
            assertEquals("host-unavailable", cancelled.data().get("reason").asText());
            assertEquals(onlyLeaving, cancelled.data().get("meetingTypeId").asText(), "the lead can book again");
            heir = UUID.fromString(org.manager().get("/api/v1/bookings/" + handed).then().body("status", equalTo("BOOKED"))
                    .extract().path("hostUserId"));
            ReceivedEvent reassigned = probe.await(EventTypes.MEETING_REASSIGNED, heir.toString(), WAIT);
            assertEquals(handed, reassigned.data().get("bookingId").asText());
            assertEquals(leaving.toString(), reassigned.data().get("fromHostUserId").asText());
            assertEquals("HOST_DEACTIVATED", reassigned.data().get("reason").asText());
        }
        assertNotEquals(leaving, heir);
        org.manager().get("/api/v1/bookings/" + stranded).then().body("status", equalTo("CANCELLED"));
        assertEquals("0", booked(leaving, day));
        assertEquals("1", booked(heir, day));

        UUID last = heir.equals(second) ? third : second;
        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            TestEvents.publish(new UserRemoved(org.id(), heir, UUID.randomUUID()));
            ReceivedEvent reassigned = probe.await(EventTypes.MEETING_REASSIGNED, last.toString(), WAIT);
            assertEquals(handed, reassigned.data().get("bookingId").asText());
            assertEquals("HOST_REMOVED", reassigned.data().get("reason").asText());
        }
        assertEquals("0", booked(heir, day));
        assertEquals("1", booked(last, day));
    }
}
