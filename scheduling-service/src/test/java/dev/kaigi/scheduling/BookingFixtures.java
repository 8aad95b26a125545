package dev.kaigi.scheduling;

import dev.kaigi.events.integration.CalendarLinked;
import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.UUID;

import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;
import static dev.kaigi.scheduling.SchedulingFixtures.jsonIds;

/** Hosts who can take meetings, meeting types and bookings, for the phase B tests. */
final class BookingFixtures {

    private BookingFixtures() {
    }

    /** An active regular member with a linked calendar and {@code schedule}: a host every rule lets through. */
    static UUID host(Org org, ScheduleBody schedule) {
        UUID user = org.member();
        TestEvents.publish(new CalendarLinked(org.id(), user, CalendarProvider.GOOGLE, "cal@acme.example"));
        setSchedule(org, user, schedule);
        Await.until(user + " calendar linked", () -> Boolean.TRUE.equals(
                org.owner().get("/api/v1/hosts/" + user).then().extract().path("calendarLinked")), WAIT);
        return user;
    }

    static void setSchedule(Org org, UUID user, ScheduleBody schedule) {
        org.owner().header("If-Match", org.read(user).etag()).body(schedule.json()).put("/api/v1/users/" + user + "/work-schedule")
                .then().statusCode(200);
    }

    /** A meeting type (no notice, a year's horizon) and its id. */
    static ExtractableResponse<Response> meetingType(Org org, String name, int minutes, String method, int step, UUID... pool) {
        return org.manager().body("""
                        {"name":"%s","durationMinutes":%d,"conferencingMethod":"%s","hostPool":[%s],"slotStepMinutes":%d,
                         "minimumNoticeMinutes":0,"bookingHorizonDays":365}""".formatted(name, minutes, method, jsonIds(pool), step))
                .post("/api/v1/meeting-types").then().statusCode(201).extract();
    }

    /** Books {@code type} at {@code start} as the organization's MANAGER (201 required) and answers who got it. */
    static String hostOf(Org org, Object type, Instant start) {
        return org.manager().body(bookingBody(type, start, "lead@customer.example")).post("/api/v1/bookings").then()
                .statusCode(201).extract().path("hostUserId");
    }

    static String bookingBody(Object meetingTypeId, Instant start, String leadEmail) {
        return """
                {"meetingTypeId":"%s","start":"%s","lead":{"name":"Taro Yamada","email":"%s","company":"Customer KK","locale":"ja"},
                 "notes":"demo please"}""".formatted(meetingTypeId, start, leadEmail);
    }

    /** The first {@code weekday} at least a week from now, as a date in {@code zone}. */
    static LocalDate upcoming(DayOfWeek weekday, String zone) {
        return LocalDate.now(ZoneId.of(zone)).plusDays(7).with(TemporalAdjusters.nextOrSame(weekday));
    }

    static Instant at(LocalDate day, String time, String zone) {
        return day.atTime(LocalTime.parse(time)).atZone(ZoneId.of(zone)).toInstant();
    }

    static String sql(javax.sql.DataSource db, String sql) {
        return SchedulingFixtures.sqlValue(db, sql);
    }
}
