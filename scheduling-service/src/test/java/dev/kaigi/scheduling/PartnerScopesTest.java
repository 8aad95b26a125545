package dev.kaigi.scheduling;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
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
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.sql;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Partner clients (README "For partners") through the real service: what bookings:write and schedules:read
 * open, and that the tenant stays the token's.
 */
@QuarkusTest
class PartnerScopesTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    /** An organization with one host working 09:00–18:00 every day and a 30-minute meeting type of theirs. */
    private record OneHost(Org org, UUID host, String type) {

        static OneHost create(String typeName) {
            Org org = Org.create(TOKYO);
            UUID host = BookingFixtures.host(org, ScheduleBody.in(TOKYO));
            return new OneHost(org, host, meetingType(org, typeName, 30, "PHONE", 30, host).path("id"));
        }
    }

    private static RequestSpecification partner(Org org, String... scopes) {
        return given().auth().oauth2(TestTokens.partner(org.id(), scopes)).contentType(ContentType.JSON);
    }

    @Test
    @DisplayName("bookings:write: a partner books through the fair choice, reads back and lists what it booked, and cancels it, "
            + "which frees the host's day and announces meeting-cancelled")
    void partnerBooksReadsAndCancels() {
        OneHost setup = OneHost.create("Partner demo");
        Org org = setup.org();
        UUID host = setup.host();
        String type = setup.type();
        LocalDate day = upcoming(DayOfWeek.TUESDAY, TOKYO);
        Instant start = at(day, "10:00", TOKYO);

        String id = partner(org, "bookings:write").body(bookingBody(type, start, "lead@customer.example"))
                .post("/api/v1/bookings").then().statusCode(201)
                .body("hostUserId", equalTo(host.toString())).body("status", equalTo("BOOKED"))
                .extract().path("id");
        assertEquals("1", sql(db, "select booked from host_day where user_id = '" + host + "' and day = '" + day + "'"));

        // a partner hosts nothing: it reads the organization's bookings, as a MANAGER does
        partner(org, "bookings:write").get("/api/v1/bookings/" + id).then().statusCode(200)
                .body("leadEmail", equalTo("lead@customer.example"));
        partner(org, "bookings:write").queryParam("hostUserId", host.toString()).get("/api/v1/bookings").then().statusCode(200)
                .body("items.id", hasItem(id));

        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            partner(org, "bookings:write").body("{\"reason\":\"lead asked\"}").post("/api/v1/bookings/" + id + "/cancel")
                    .then().statusCode(200).body("status", equalTo("CANCELLED"));
            ReceivedEvent cancelled = probe.await(EventTypes.MEETING_CANCELLED, host.toString(), WAIT);
            assertEquals(id, cancelled.data().get("bookingId").asText());
            assertEquals("lead asked", cancelled.data().get("reason").asText());
        }
        assertEquals("0", sql(db, "select booked from host_day where user_id = '" + host + "' and day = '" + day + "'"));
    }

    @Test
    @DisplayName("ORG-01: a partner's tenant is its token's; another organization's booking answers 404, read or cancelled")
    void anotherOrganizationsBookingIsNotFound() {
        OneHost setup = OneHost.create("Ours");
        Org org = setup.org();
        UUID host = setup.host();
        String type = setup.type();
        String id = org.manager().body(bookingBody(type, at(upcoming(DayOfWeek.WEDNESDAY, TOKYO), "11:00", TOKYO), "l@c.example"))
                .post("/api/v1/bookings").then().statusCode(201).extract().path("id");
        Org other = Org.create(TOKYO);

        partner(other, "bookings:write").get("/api/v1/bookings/" + id).then().statusCode(404);
        partner(other, "bookings:write").body("{}").post("/api/v1/bookings/" + id + "/cancel").then().statusCode(404);
        // nor can it book our meeting type: to its organization the type does not exist
        partner(other, "bookings:write").body(bookingBody(type, at(upcoming(DayOfWeek.WEDNESDAY, TOKYO), "12:00", TOKYO), "l@c.example"))
                .post("/api/v1/bookings").then().statusCode(400);
        org.manager().get("/api/v1/bookings/" + id).then().body("status", equalTo("BOOKED"));
    }

    @Test
    @DisplayName("schedules:read reads schedules, meeting types and availability but does not book; bookings:write alone does not read schedules")
    void scopesDoNotStandInForEachOther() {
        OneHost setup = OneHost.create("Read only");
        Org org = setup.org();
        UUID host = setup.host();
        String type = setup.type();
        LocalDate day = upcoming(DayOfWeek.THURSDAY, TOKYO);

        partner(org, "schedules:read").get("/api/v1/users/" + host + "/work-schedule").then().statusCode(200)
                .body("timeZone", equalTo(TOKYO));
        partner(org, "schedules:read").queryParam("from", day.toString()).queryParam("to", day.toString()).queryParam("timeZone", TOKYO)
                .get("/api/v1/meeting-types/" + type + "/availability").then().statusCode(200);
        partner(org, "schedules:read", "users:read", "users:write").body(bookingBody(type, at(day, "10:00", TOKYO), "l@c.example"))
                .post("/api/v1/bookings").then().statusCode(403);
        partner(org, "bookings:write").get("/api/v1/users/" + host + "/work-schedule").then().statusCode(403);
        assertEquals("0", sql(db, "select count(*) from booking where host_user_id = '" + host + "'"));
    }

    @Test
    @DisplayName("a user's token carrying a partner scope gets nothing from it: a RESTRICTED user with bookings:write still cannot book")
    void aUsersScopeDoesNotStandInForTheirRole() {
        OneHost setup = OneHost.create("Role first");
        Org org = setup.org();
        UUID host = setup.host();
        String type = setup.type();
        UUID restricted = org.join(dev.kaigi.events.user.Role.RESTRICTED, dev.kaigi.events.user.UserType.REGULAR);
        org.await(restricted);
        String token = TestTokens.userWithScopes(org.id(), restricted, new String[]{"restricted"}, "bookings:write", "schedules:read");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(bookingBody(type, at(upcoming(DayOfWeek.FRIDAY, TOKYO), "10:00", TOKYO), "l@c.example"))
                .post("/api/v1/bookings").then().statusCode(403);
        given().auth().oauth2(token).get("/api/v1/users/" + host + "/work-schedule").then().statusCode(403);
    }
}
