package dev.kaigi.scheduling;

import dev.kaigi.events.internal.InternalPaths;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** SEC-04: the internal personal-data API user-service gathers an export from, and a lead's erasure. */
@QuarkusTest
class PersonalDataTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    private static RequestSpecification service() {
        return given().auth().oauth2(TestTokens.service("user-service")).contentType(ContentType.JSON);
    }

    private static String userPath(Org org, UUID user) {
        return InternalPaths.USER_PERSONAL_DATA.replace("{orgId}", org.id().toString()).replace("{userId}", user.toString());
    }

    private static String leadPath(Org org) {
        return InternalPaths.LEAD_PERSONAL_DATA.replace("{orgId}", org.id().toString());
    }

    private static String lead(String email) {
        return "{\"email\":\"" + email + "\"}";
    }

    private static ExtractableResponse<Response> book(Org org, String type, Instant start, String email) {
        return org.manager().body(bookingBody(type, start, email)).post("/api/v1/bookings").then().statusCode(201).extract();
    }

    private String count(String sql) {
        return sql(db, sql);
    }

    @Test
    @DisplayName("SEC-04: a user's and a lead's data for user-service only (401 without a token, 403 for a user's); sections named, capped, no manage-link token or hash; an unknown user has empty sections; a malformed email is 400")
    void sec04ExportsForTheServiceOnly() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Demo", 30, "PHONE", 30, a).path("id");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        var booked = book(org, type, at(upcoming(DayOfWeek.MONDAY, TOKYO), "10:00", TOKYO), "Lead-" + tag + "@Customer.example");
        String token = booked.path("manageToken");
        String hash = count("select encode(manage_token_hash, 'hex') from booking where id = '" + booked.path("id") + "'");

        String user = service().get(userPath(org, a)).then().statusCode(200)
                .body("host.userId", equalTo(a.toString())).body("host.status", equalTo("ACTIVE"))
                .body("workSchedule.timeZone", equalTo(TOKYO)).body("workSchedule.days.size()", equalTo(7))
                .body("poolMemberships[0].meetingTypeId", equalTo(type))
                .body("bookingsHosted.items[0].id", equalTo(booked.path("id")))
                .body("bookingsHosted.items[0]", not(hasKey("leadEmail")))
                .body("bookingsHosted.limit", equalTo(10_000)).body("bookingsHosted.truncated", equalTo(false))
                .body("dayCounters.items[0].booked", equalTo(1))
                .body("auditEntries.items.action", hasItem("WORK_SCHEDULE_UPDATED"))
                .extract().asString();
        assertFalse(user.contains(token) || user.contains(hash), "no manage-link token or hash: " + user);

        String lead = service().body(lead("LEAD-" + tag + "@customer.EXAMPLE")).post(leadPath(org)).then().statusCode(200)
                .body("bookings.items.size()", equalTo(1))
                .body("bookings.items[0].leadEmail", equalTo("Lead-" + tag + "@Customer.example"))
                .body("bookings.items[0].leadName", equalTo("Taro Yamada"))
                .body("bookings.items[0].notes", equalTo("demo please"))
                .body("bookings.truncated", equalTo(false)).body("erasures.size()", equalTo(0))
                .extract().asString();
        assertFalse(lead.contains(token) || lead.contains(hash), "no manage-link token or hash: " + lead);

        UUID stranger = UUID.randomUUID();
        service().get(userPath(org, stranger)).then().statusCode(200).body("host", nullValue())
                .body("workSchedule", nullValue()).body("bookingsHosted.items.size()", equalTo(0))
                .body("auditEntries.items.size()", equalTo(0));
        service().body(lead("nobody@else.example")).post(leadPath(org)).then().statusCode(200)
                .body("bookings.items.size()", equalTo(0));

        service().body(lead("not an address")).post(leadPath(org)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("email"));
        service().body("{}").post(leadPath(org)).then().statusCode(400).body("errors[0].field", equalTo("email"));
        org.owner().get(userPath(org, a)).then().statusCode(403);
        org.owner().body(lead("lead-" + tag + "@customer.example")).post(leadPath(org)).then().statusCode(403);
        given().get(userPath(org, a)).then().statusCode(401);
        given().contentType(ContentType.JSON).body(lead("lead-" + tag + "@customer.example")).post(leadPath(org)).then().statusCode(401);
    }

    @Test
    @DisplayName("SEC-04: lead-erased makes the lead's earlier bookings forget the person (name, email, company, notes, cancellation reason) and keeps times, host, type, status and day counts; the manage link is dead; stored events and kept answers lose the address; audited once as the OWNER, without the email")
    void sec04ErasureForgetsThePersonAndKeepsTheCounts() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Demo", 30, "PHONE", 30, a).path("id");
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "Erase-" + tag + "@Customer.example";
        LocalDate monday = upcoming(DayOfWeek.MONDAY, TOKYO);
        var kept = org.manager().header("Idempotency-Key", "sec-04-" + tag).body(bookingBody(type, at(monday, "10:00", TOKYO), email))
                .post("/api/v1/bookings").then().statusCode(201).extract();
        var cancelled = book(org, type, at(monday, "11:00", TOKYO), email);
        given().contentType("application/json").body("{\"reason\":\"my boss Hanako Suzuki said no\"}")
                .post("/api/v1/public/bookings/" + cancelled.path("manageToken") + "/cancel").then().statusCode(200);
        var other = book(org, type, at(monday, "12:00", TOKYO), "someone-" + tag + "@else.example");
        String startsAt = count("select starts_at from booking where id = '" + kept.path("id") + "'");
        String dayCount = count("select booked from host_day where user_id = '" + a + "' and day = '" + monday + "'");

        UUID owner = UUID.randomUUID();
        LeadErased erased = new LeadErased(org.id(), UUID.randomUUID(), LeadErased.hashOf(email), Instant.now(), owner);
        UUID eventId = TestEvents.publish(erased);
        Await.until("the erasure applied", () -> "1".equals(count(
                "select count(*) from lead_erasure where erasure_id = '" + erased.erasureId() + "'")), WAIT);

        String id = kept.path("id");
        assertEquals("erased|erased|||en|UTC|BOOKED|" + a + "|" + type + "|" + startsAt, count("""
                select concat_ws('|', lead_name, lead_email, coalesce(lead_company, ''), coalesce(notes, ''), lead_locale,
                                 lead_time_zone, status, host_user_id, meeting_type_id, starts_at)
                from booking where id = '""" + id + "'"));
        assertEquals("CANCELLED|", count("select concat(status, '|', cancel_reason) from booking where id = '" + cancelled.path("id") + "'"));
        assertEquals("0", count("select count(*) from booking where manage_token_hash is not null and id in ('" + id + "', '"
                + cancelled.path("id") + "')"));
        assertEquals(dayCount, count("select booked from host_day where user_id = '" + a + "' and day = '" + monday + "'"),
                "the day's count, which caps read, is unchanged");
        given().get("/api/v1/public/bookings/" + kept.path("manageToken")).then().statusCode(404);
        assertEquals("Taro Yamada", count("select lead_name from booking where id = '" + other.path("id") + "'"), "another lead is kept");
        assertEquals("0", count("select count(*) from outbox where lower(payload::text) like '%erase-" + tag + "%'"
                + " or payload::text like '%Hanako%'"));
        assertEquals("3", count("select count(*) from outbox where payload ->> 'bookingId' in ('" + id + "', '"
                + cancelled.path("id") + "') and payload ->> 'leadEmail' = 'erased'"), "booked twice and cancelled once");
        assertEquals("0", count("select count(*) from idempotency_key where booking_id = '" + id + "'"));
        org.owner().get("/api/v1/bookings/" + id).then().statusCode(200).body("leadEmail", equalTo("erased"))
                .body("hostUserId", equalTo(a.toString()));
        service().body(lead(email)).post(leadPath(org)).then().statusCode(200).body("bookings.items.size()", equalTo(0))
                .body("erasures[0].erasureId", equalTo(erased.erasureId().toString()));
        assertEquals(owner + "|" + erased.erasureId() + "|2", count("""
                select concat_ws('|', actor_user_id, target_id, after ->> 'bookingsErased') from audit_trail
                where org_id = '""" + org.id() + "' and action = 'LEAD_ERASED'"));
        assertEquals("0", count("select count(*) from audit_trail where org_id = '" + org.id()
                + "' and action = 'LEAD_ERASED' and lower(concat(before::text, after::text)) like '%erase-" + tag + "%'"));

        // redelivered (same id), then replayed with a new id after the lead booked again: the new booking is a new consent
        TestEvents.publish(eventId, erased);
        var again = book(org, type, at(monday.plusDays(1), "10:00", TOKYO), email);
        TestEvents.publish(erased);
        LeadErased later = new LeadErased(org.id(), UUID.randomUUID(), LeadErased.hashOf("marker-" + tag + "@else.example"),
                Instant.now(), owner);
        TestEvents.publish(later); // same partition, after the replays: once it is applied, they were too
        Await.until("the replays read", () -> "1".equals(count(
                "select count(*) from lead_erasure where erasure_id = '" + later.erasureId() + "'")), WAIT);
        assertEquals(email, count("select lead_email from booking where id = '" + again.path("id") + "'"));
        assertEquals(email, count("select payload ->> 'leadEmail' from outbox where payload ->> 'bookingId' = '" + again.path("id") + "'"));
        given().get("/api/v1/public/bookings/" + again.path("manageToken")).then().statusCode(200);
        assertEquals("1", count("select count(*) from audit_trail where org_id = '" + org.id()
                + "' and action = 'LEAD_ERASED' and target_id = '" + erased.erasureId() + "'"));
        assertEquals("1", count("select count(*) from lead_erasure where erasure_id = '" + erased.erasureId() + "'"));
    }
}
