package dev.kaigi.scheduling;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.integration.OpportunityCountsSynced;
import dev.kaigi.events.integration.OwnerOpportunityCount;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.hostOf;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.setSchedule;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Events end to end on the test broker change who gets meetings (LIF-01, LIF-02, SCH-04, SCH-07, EVT-01, EVT-02). */
@QuarkusTest
class BookingEventsTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    private static List<String> reasons(Org org, UUID host, String type, Instant start) {
        return org.owner().queryParam("meetingType", type).queryParam("start", start.toString())
                .get("/api/v1/hosts/" + host + "/eligibility").then().statusCode(200).extract().path("reasons");
    }

    @Test
    @DisplayName("LIF-01, SCH-07: after user-deactivated the host is no longer assigned; alone in a pool, the 409 says inactive")
    void deactivatedHostIsNotAssigned() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        String both = meetingType(org, "Both", 30, "PHONE", 30, a, b).path("id");
        String onlyA = meetingType(org, "Only A", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.MONDAY, TOKYO);

        TestEvents.publish(new UserDeactivated(org.id(), a, UserType.REGULAR, null, DeactivationReason.ADMIN));
        Await.until("a inactive", () -> reasons(org, a, both, at(day, "10:00", TOKYO)).contains("inactive"), WAIT);
        assertEquals(b.toString(), hostOf(org, both, at(day, "10:00", TOKYO)));
        assertEquals(b.toString(), hostOf(org, both, at(day, "11:00", TOKYO)), "a has fewer that day but is inactive");
        org.manager().body(bookingBody(onlyA, at(day, "12:00", TOKYO), "ev@customer.example")).post("/api/v1/bookings").then()
                .statusCode(409).body("errors.code", contains("inactive"));
    }

    @Test
    @DisplayName("SCH-04: after opportunity-counts-synced at or above the host's cap the host is no longer assigned")
    void opportunityCapStopsAssignments() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).opportunityCap(3));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Opp", 30, "PHONE", 30, a, b).path("id");
        LocalDate day = upcoming(DayOfWeek.WEDNESDAY, TOKYO);
        String emailA = org.owner().get("/api/v1/hosts/" + a).then().extract().path("email");

        TestEvents.publish(new OpportunityCountsSynced(org.id(), Instant.now(), List.of(new OwnerOpportunityCount(emailA.toUpperCase(), 3))));
        Await.until("a over the cap", () -> reasons(org, a, type, at(day, "10:00", TOKYO)).contains("opportunity-cap-reached"), WAIT);
        assertEquals(b.toString(), hostOf(org, type, at(day, "10:00", TOKYO)));
        assertEquals(b.toString(), hostOf(org, type, at(day, "11:00", TOKYO)));
        // a new sync below the cap: a is back (and has fewer that day)
        TestEvents.publish(new OpportunityCountsSynced(org.id(), Instant.now(), List.of(new OwnerOpportunityCount(emailA, 2))));
        Await.until("a under the cap", () -> reasons(org, a, type, at(day, "12:00", TOKYO)).isEmpty(), WAIT);
        assertEquals(a.toString(), hostOf(org, type, at(day, "12:00", TOKYO)));
    }

    @Test
    @DisplayName("LIF-02, MTG-05: user-deleted with transfer moves future bookings to the target (counters follow) with "
            + "meeting-reassigned; one neither the target nor the pool can take (overlap) is cancelled as host-unavailable")
    void deletionTransfersFutureBookings() {
        Org org = Org.create(TOKYO);
        UUID leaving = host(org, ScheduleBody.in(TOKYO));
        UUID heir = host(org, ScheduleBody.in(TOKYO).dailyCap(5));
        String onlyLeaving = meetingType(org, "Leaving", 30, "PHONE", 30, leaving).path("id");
        String onlyHeir = meetingType(org, "Heir", 30, "PHONE", 30, heir).path("id");
        LocalDate day = upcoming(DayOfWeek.THURSDAY, TOKYO);
        String moved = org.manager().body(bookingBody(onlyLeaving, at(day, "10:00", TOKYO), "m@c.example")).post("/api/v1/bookings")
                .then().statusCode(201).extract().path("id");
        String clash = org.manager().body(bookingBody(onlyLeaving, at(day, "14:00", TOKYO), "c@c.example")).post("/api/v1/bookings")
                .then().statusCode(201).extract().path("id");
        hostOf(org, onlyHeir, at(day, "14:00", TOKYO));

        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            TestEvents.publish(new UserDeleted(org.id(), leaving, heir, UUID.randomUUID()));
            ReceivedEvent reassigned = probe.await(EventTypes.MEETING_REASSIGNED, heir.toString(), WAIT);
            assertEquals(moved, reassigned.data().get("bookingId").asText());
            assertEquals(leaving.toString(), reassigned.data().get("fromHostUserId").asText());
            assertEquals("HOST_DELETED", reassigned.data().get("reason").asText());
            // EVT-01: the whole meeting travels with it, for integration-service to set it up for the new host
            for (String field : new String[]{"meetingTypeName", "conferencingMethod", "startsAt", "hostTimeZone", "leadName", "leadEmail", "leadLocale"}) {
                assertFalse(reassigned.data().path(field).asText("").isEmpty(), field);
            }
            ReceivedEvent cancelled = probe.await(EventTypes.MEETING_CANCELLED, leaving.toString(), WAIT);
            assertEquals(clash, cancelled.data().get("bookingId").asText());
            assertEquals("host-unavailable", cancelled.data().get("reason").asText());
            assertEquals("SYSTEM", cancelled.data().get("actor").asText());
            assertEquals(1, cancelled.data().get("sequence").asInt(), "MTG-01: the cancellation raises the invitation's sequence");
            assertEquals(1, reassigned.data().get("sequence").asInt());
            assertEquals("SYSTEM", reassigned.data().get("actor").asText());
            for (String field : new String[]{"meetingTypeName", "startsAt", "endsAt", "leadEmail", "leadLocale"}) {
                assertFalse(cancelled.data().path(field).asText("").isEmpty(), field);
            }
        }
        org.manager().get("/api/v1/bookings/" + moved).then().body("hostUserId", equalTo(heir.toString())).body("status", equalTo("BOOKED"));
        org.manager().get("/api/v1/bookings/" + clash).then().body("status", equalTo("CANCELLED"));
        org.as(heir, "member").get("/api/v1/bookings/" + moved).then().statusCode(200);
        assertEquals("2", sql(db, "select booked from host_day where user_id = '" + heir + "' and day = '" + day + "'"));
        assertEquals("0", sql(db, "select booked from host_day where user_id = '" + leaving + "' and day = '" + day + "'"));
        // the pool went to the heir too (phase A), so the heir is assigned new meetings of that type
        assertEquals(heir.toString(), hostOf(org, onlyLeaving, at(day, "16:00", TOKYO)));
        setSchedule(org, heir, ScheduleBody.in(TOKYO)); // still editable after the move
    }
}
