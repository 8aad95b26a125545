package dev.kaigi.user;

import dev.kaigi.events.integration.CalendarLinked;
import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

/** An organization's hosts, meeting types and bookings in the packaged scheduling-service ({@link PeerServicesProcess}). */
final class PeerFixtures {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String TOKYO = "Asia/Tokyo";

    private PeerFixtures() {
    }

    /** scheduling-service as the organization's super admin. */
    static RequestSpecification scheduling(UserFixtures.Org org) {
        return RestAssured.given().baseUri(PeerServicesProcess.scheduling.baseUri())
                .auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner")).contentType(ContentType.JSON);
    }

    /** Waits until scheduling-service knows {@code users} from user-service's events. */
    static void awaitKnown(UserFixtures.Org org, UUID... users) {
        for (UUID user : users) {
            Await.until(user + " known to scheduling-service",
                    () -> scheduling(org).get("/api/v1/users/" + user + "/work-schedule").statusCode() == 200, WAIT);
        }
    }

    /** Makes a known user a host every rule lets through: a linked calendar and every day 09:00-18:00 in Tokyo. */
    static void host(UserFixtures.Org org, UUID user) {
        TestEvents.publish(new CalendarLinked(org.id(), user, CalendarProvider.GOOGLE, "cal-" + user + "@acme.example"));
        String days = Arrays.stream(DayOfWeek.values()).map(d -> "{\"day\":\"" + d
                + "\",\"enabled\":true,\"start\":\"09:00\",\"end\":\"18:00\",\"breaks\":[],\"dailyCap\":null}").collect(Collectors.joining(","));
        String path = "/api/v1/users/" + user + "/work-schedule";
        String etag = scheduling(org).get(path).then().statusCode(200).extract().header("ETag");
        scheduling(org).header("If-Match", etag).body("{\"timeZone\":\"" + TOKYO + "\",\"opportunityCap\":null,\"weekdays\":[" + days + "]}")
                .put(path).then().statusCode(200);
        Await.until("calendar of " + user + " linked", () -> Boolean.TRUE.equals(
                scheduling(org).get("/api/v1/hosts/" + user).then().extract().path("calendarLinked")), WAIT);
    }

    /** A 30-minute phone meeting type over {@code pool}; its id. */
    static String meetingType(UserFixtures.Org org, String name, UUID... pool) {
        String ids = Arrays.stream(pool).map(u -> "\"" + u + "\"").collect(Collectors.joining(","));
        return scheduling(org).body("""
                        {"name":"%s","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":[%s],"slotStepMinutes":30,
                         "minimumNoticeMinutes":0,"bookingHorizonDays":60}""".formatted(name, ids))
                .post("/api/v1/meeting-types").then().statusCode(201).extract().path("id");
    }

    /** A booking of {@code type} by the lead {@code email}, at {@code time} Tokyo a week or so ahead; its id. */
    static String book(UserFixtures.Org org, String type, String time, String email) {
        LocalDate day = LocalDate.now(ZoneId.of(TOKYO)).plusDays(8);
        Instant start = day.atTime(LocalTime.parse(time)).atZone(ZoneId.of(TOKYO)).toInstant();
        return scheduling(org).body("""
                        {"meetingTypeId":"%s","start":"%s","lead":{"name":"Taro Yamada","email":"%s","company":"Customer KK","locale":"ja"},
                         "notes":"demo please"}""".formatted(type, start, email))
                .post("/api/v1/bookings").then().statusCode(201).extract().path("id");
    }
}
