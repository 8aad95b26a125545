package dev.kaigi.scheduling;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A deletion hands each category to its own heir, and user-service can ask beforehand what would move (LIF-05). */
@QuarkusTest
class DeletionTransferTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    private static String preview(Org org, UUID user, String token, String body, int status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/internal/organizations/" + org.id() + "/users/" + user + "/transfer-preview")
                .then().statusCode(status).extract().asString();
    }

    private static String heirs(UUID bookings, UUID pools) {
        return """
                {"futureBookings":%s,"poolMemberships":%s,"salesforceRecords":null,"notificationSubscriptions":null}"""
                .formatted(bookings == null ? "null" : "\"" + bookings + "\"", pools == null ? "null" : "\"" + pools + "\"");
    }

    private static Map<String, Object> category(JsonPath preview, String name) {
        return preview.getMap("categories.find { it.category == '" + name + "' }");
    }

    @Test
    @DisplayName("LIF-05: future meetings go to their heir and pool places to another; the preview said so, and changed nothing")
    void eachCategoryToItsOwnHeir() {
        Org org = Org.create(TOKYO);
        UUID leaving = host(org, ScheduleBody.in(TOKYO));
        UUID bookingHeir = host(org, ScheduleBody.in(TOKYO));
        UUID poolHeir = host(org, ScheduleBody.in(TOKYO));
        String pooled = meetingType(org, "Demo", 30, "PHONE", 30, leaving).path("id");
        String shared = meetingType(org, "Intro", 30, "PHONE", 30, leaving, poolHeir).path("id");
        String heirsOwn = meetingType(org, "Heir's own", 30, "PHONE", 30, bookingHeir).path("id");
        LocalDate day = upcoming(DayOfWeek.WEDNESDAY, TOKYO);
        String free = org.manager().body(bookingBody(pooled, at(day, "10:00", TOKYO), "a@c.example")).post("/api/v1/bookings")
                .then().statusCode(201).extract().path("id");
        String clashing = org.manager().body(bookingBody(pooled, at(day, "14:00", TOKYO), "b@c.example")).post("/api/v1/bookings")
                .then().statusCode(201).extract().path("id");
        org.manager().body(bookingBody(heirsOwn, at(day, "14:00", TOKYO), "c@c.example")).post("/api/v1/bookings")
                .then().statusCode(201).body("hostUserId", equalTo(bookingHeir.toString()));

        JsonPath planned = JsonPath.from(preview(org, leaving, TestTokens.service("user-service"), heirs(bookingHeir, poolHeir), 200));
        Map<String, Object> bookings = category(planned, "FUTURE_BOOKINGS");
        assertEquals(bookingHeir.toString(), bookings.get("heirUserId"));
        assertEquals(List.of(free), ids(bookings, "moving"));
        assertEquals(List.of(clashing), ids(bookings, "notMoving"));
        assertEquals("overlapping-meeting", JsonPath.from(planned.prettify()).getString(
                "categories.find { it.category == 'FUTURE_BOOKINGS' }.notMoving[0].reason"));
        Map<String, Object> pools = category(planned, "POOL_MEMBERSHIPS");
        assertEquals(List.of(pooled), ids(pools, "moving"));
        assertEquals(List.of(shared), ids(pools, "notMoving"));
        assertEquals("heir-already-in-pool", planned.getString("categories.find { it.category == 'POOL_MEMBERSHIPS' }.notMoving[0].reason"));
        JsonPath nobody = JsonPath.from(preview(org, leaving, TestTokens.service("user-service"), heirs(null, null), 200));
        assertEquals(List.of("no-heir", "no-heir"), nobody.getList("categories.find { it.category == 'FUTURE_BOOKINGS' }.notMoving.reason"));
        assertEquals(leaving.toString(), sql(db, "select host_user_id from booking where id = '" + free + "'"), "a preview moves nothing");

        try (EventProbe probe = EventProbe.open(Topics.SCHEDULING)) {
            TestEvents.publish(new UserDeleted(org.id(), leaving, null, UUID.randomUUID(),
                    new DeletionTransfers(bookingHeir, poolHeir, null, null)));
            probe.await(EventTypes.MEETING_REASSIGNED, bookingHeir.toString(), WAIT);
        }
        org.manager().get("/api/v1/bookings/" + free).then().body("hostUserId", equalTo(bookingHeir.toString()));
        // the meeting the booking heir cannot take goes to the pool, which the pool heir now holds
        org.manager().get("/api/v1/bookings/" + clashing).then().body("hostUserId", equalTo(poolHeir.toString()))
                .body("status", equalTo("BOOKED"));
        org.manager().get("/api/v1/meeting-types/" + pooled).then().body("hostPool", equalTo(List.of(poolHeir.toString())));
        org.manager().get("/api/v1/meeting-types/" + shared).then().body("hostPool", equalTo(List.of(poolHeir.toString())));
    }

    @Test
    @DisplayName("LIF-05: the transfer preview answers service accounts only")
    void previewIsForServiceAccounts() {
        Org org = Org.create(TOKYO);
        UUID user = org.member();
        preview(org, user, TestTokens.user(org.id(), UUID.randomUUID(), "owner", "super_admin"), heirs(null, null), 403);
        given().contentType(ContentType.JSON).body(heirs(null, null))
                .post("/api/v1/internal/organizations/" + org.id() + "/users/" + user + "/transfer-preview").then().statusCode(401);
        preview(org, user, TestTokens.service("user-service"), "{\"futureBookings\":\"not-a-uuid\"}", 400);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> category, String list) {
        return ((List<Map<String, Object>>) category.get(list)).stream().map(i -> (String) i.get("id")).toList();
    }
}
