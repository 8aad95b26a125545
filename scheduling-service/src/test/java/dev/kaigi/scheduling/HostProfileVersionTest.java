package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.hostOf;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.setSchedule;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host profiles and meeting types kept in memory (HostFactsCache, BookableTypes) are never older
 * than the last committed change:
 * every write to what they hold gives the organization a new facts version (V5), one never given
 * before, so a booking right after a change judges by it.
 */
@QuarkusTest
class HostProfileVersionTest {

    private static final String TOKYO = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("SCH-01, SCH-08: a schedule changed after bookings read the host's profile applies to the very next booking")
    void scheduleChangeAppliesAtOnce() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        String type = meetingType(org, "Profile", 30, "PHONE", 30, a).path("id");
        LocalDate day = upcoming(DayOfWeek.THURSDAY, TOKYO);
        assertEquals(a.toString(), hostOf(org, type, at(day, "15:00", TOKYO)));

        setSchedule(org, a, ScheduleBody.in(TOKYO).hours("09:00", "12:00").breakFrom("10:00", "10:30"));
        org.manager().body(bookingBody(type, at(day, "16:00", TOKYO), "l@c.example")).post("/api/v1/bookings").then()
                .statusCode(409).body("errors.code", contains("outside-working-hours"));
        org.manager().body(bookingBody(type, at(day, "10:00", TOKYO), "l@c.example")).post("/api/v1/bookings").then()
                .statusCode(409).body("errors.code", contains("in-break"));
        assertEquals(a.toString(), hostOf(org, type, at(day, "11:00", TOKYO)));
    }

    @Test
    @DisplayName("SCH-06: a host added to the pool after bookings read it takes the next meeting (fewer that day)")
    void poolChangeAppliesAtOnce() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        UUID b = host(org, ScheduleBody.in(TOKYO));
        var created = meetingType(org, "Pool", 30, "PHONE", 30, a);
        String type = created.path("id");
        LocalDate day = upcoming(DayOfWeek.FRIDAY, TOKYO);
        assertEquals(a.toString(), hostOf(org, type, at(day, "10:00", TOKYO)));

        org.manager().header("If-Match", created.header("ETag")).body("""
                        {"name":"Pool","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":["%s","%s"],"slotStepMinutes":30,
                         "minimumNoticeMinutes":0,"bookingHorizonDays":365}""".formatted(a, b))
                .put("/api/v1/meeting-types/" + type).then().statusCode(200);
        assertEquals(b.toString(), hostOf(org, type, at(day, "11:00", TOKYO)));
    }

    @Test
    @DisplayName("SCH-06: a meeting type changed or deleted after bookings remembered it applies to the very next booking")
    void meetingTypeChangeAppliesAtOnce() {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO));
        var created = meetingType(org, "Length", 30, "PHONE", 30, a);
        String type = created.path("id");
        LocalDate day = upcoming(DayOfWeek.TUESDAY, TOKYO);
        assertEquals(a.toString(), hostOf(org, type, at(day, "10:00", TOKYO)));

        String etag = org.manager().header("If-Match", created.header("ETag")).body(typeBody(a, 60, 3))
                .put("/api/v1/meeting-types/" + type).then().statusCode(200).extract().header("ETag");
        org.manager().body(bookingBody(type, at(day, "12:00", TOKYO), "l@c.example")).post("/api/v1/bookings").then()
                .statusCode(400).body("errors[0].field", equalTo("start")).body("errors[0].code", equalTo("beyond-booking-horizon"));

        org.manager().header("If-Match", etag).body(typeBody(a, 60, 365)).put("/api/v1/meeting-types/" + type).then().statusCode(200);
        Instant start = at(day, "12:00", TOKYO);
        org.manager().body(bookingBody(type, start, "l@c.example")).post("/api/v1/bookings").then()
                .statusCode(201).body("end", equalTo(start.plus(Duration.ofMinutes(60)).toString()));

        org.manager().delete("/api/v1/meeting-types/" + type).then().statusCode(204);
        org.manager().body(bookingBody(type, at(day, "14:00", TOKYO), "l@c.example")).post("/api/v1/bookings").then()
                .statusCode(400).body("errors[0].field", equalTo("meetingTypeId")).body("errors[0].code", equalTo("unknown-meeting-type"));
    }

    private static String typeBody(UUID host, int minutes, int horizonDays) {
        return """
                {"name":"Length","durationMinutes":%d,"conferencingMethod":"PHONE","hostPool":["%s"],"slotStepMinutes":30,
                 "minimumNoticeMinutes":0,"bookingHorizonDays":%d}""".formatted(minutes, host, horizonDays);
    }

    @Test
    @DisplayName("V5: each table the profiles come from gives a new version; a rolled-back change leaves the old one, and its value is never given again")
    void everyChangeGivesANewVersion() throws SQLException {
        Org org = Org.create(TOKYO);
        UUID a = host(org, ScheduleBody.in(TOKYO).breakFrom("12:00", "13:00").cap(DayOfWeek.MONDAY, 5));
        meetingType(org, "Versions", 30, "PHONE", 30, a);
        String o = "'" + org.id() + "'";
        String schedule = "(select id from work_schedule where user_id = '" + a + "')";
        String[] changes = {
                "update host set zoom_linked = not zoom_linked where user_id = '" + a + "'",
                "update work_schedule set opportunity_cap = 4 where user_id = '" + a + "'",
                "update work_day set daily_cap = 6 where weekday = 'MONDAY' and schedule_id = " + schedule,
                "delete from work_break where schedule_id = " + schedule + " and weekday = 'TUESDAY'",
                "insert into opportunity_count (org_id, email_key, open_opportunities) values (" + o + ", 'x@acme.example', 1)",
                "update organization set opportunities_synced_at = now() where org_id = " + o,
                "update meeting_type set buffer_after_minutes = 5 where org_id = " + o,
                "delete from meeting_type_host where org_id = " + o,
        };
        for (String change : changes) {
            String before = version(org);
            execute(org, change, true);
            assertNotEquals(before, version(org), change);
        }

        String before = version(org);
        String rolledBack = execute(org, "update host set zoom_linked = not zoom_linked where user_id = '" + a + "'", false);
        assertEquals(before, version(org), "rolled back: the old version");
        execute(org, "update host set zoom_linked = not zoom_linked where user_id = '" + a + "'", true);
        assertNotEquals(rolledBack, version(org), "the rolled-back value is not given to the next change");
        assertNotEquals(before, version(org));
    }

    private String version(Org org) {
        return SchedulingFixtures.sqlValue(db, "select version from org_facts_version where org_id = '" + org.id() + "'");
    }

    /** Runs {@code sql} in a transaction, committed or rolled back; the organization's version as the transaction saw it. */
    private String execute(Org org, String sql, boolean commit) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                assertTrue(s.executeUpdate(sql) > 0, sql);
                try (ResultSet rs = s.executeQuery("select version from org_facts_version where org_id = '" + org.id() + "'")) {
                    assertTrue(rs.next());
                    return rs.getString(1);
                }
            } finally {
                if (commit) {
                    c.commit();
                } else {
                    c.rollback();
                }
                c.setAutoCommit(true);
            }
        }
    }
}
