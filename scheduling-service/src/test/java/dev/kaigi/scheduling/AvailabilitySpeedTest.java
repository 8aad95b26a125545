package dev.kaigi.scheduling;

import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SCH-09 performance shape: a 50-host pool with a month of bookings, a
 * 14-day range. The data is written straight into the tables (the point is the read). The bound
 * asserted is loose, because this machine is shared; the figures are logged for the report, and
 * the real benchmark belongs in bench/.
 */
@QuarkusTest
class AvailabilitySpeedTest {

    private static final Logger LOG = Logger.getLogger(AvailabilitySpeedTest.class);

    @Inject
    AgroalDataSource db;
    @Inject
    dev.kaigi.scheduling.availability.AvailabilityService availability;
    @Inject
    dev.kaigi.scheduling.meetingtype.BookableTypes types;
    @Inject
    dev.kaigi.scheduling.eligibility.HostFactsLoader loader;

    @Test
    @DisplayName("SCH-09: 50 hosts, a month of bookings, 14 days of 15-minute slots answer in a few queries")
    void fiftyHostsFourteenDays() throws SQLException {
        UUID org = UUID.randomUUID();
        UUID type = UUID.randomUUID();
        seed(org, type);
        LocalDate from = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1);
        String token = TestTokens.user(org, UUID.randomUUID(), "owner");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        List<Long> roundTrips = new ArrayList<>();
        int slots = 0;
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            var r = given().auth().oauth2(token).queryParam("from", from.toString()).queryParam("to", from.plusDays(13).toString())
                    .queryParam("timeZone", "Asia/Tokyo").get("/api/v1/meeting-types/" + type + "/availability")
                    .then().statusCode(200).extract();
            if (i >= 10) { // the first calls warm the JIT and the pools
                roundTrips.add((System.nanoTime() - t0) / 1000);
            }
            slots = r.<List<Object>>path("days.slots.flatten()").size();
        }
        var meetingType = types.inOrganization(org, type).orElseThrow();
        List<Long> service = new ArrayList<>();
        List<Long> reads = new ArrayList<>();
        List<UUID> pool = meetingType.pool();
        Instant start = from.atStartOfDay(tokyo).toInstant();
        for (int i = 0; i < 20; i++) {
            long t0 = System.nanoTime();
            availability.availability(meetingType, from, from.plusDays(13), tokyo, Instant.now());
            long t1 = System.nanoTime();
            loader.load(org, pool, start, start.plus(Duration.ofDays(14)));
            service.add((t1 - t0) / 1000);
            reads.add((System.nanoTime() - t1) / 1000);
        }
        LOG.infof("availability, 50 hosts x 14 days, %d slots: service p50 %s / max %s, of which reading p50 %s; HTTP round trip p50 %s / max %s",
                slots, ms(service, 50), ms(service, 100), ms(reads, 50), ms(roundTrips, 50), ms(roundTrips, 100));
        assertTrue(slots > 0, "some slots are free");
        assertTrue(percentile(service, 50) < 500_000, "service p50 " + ms(service, 50) + " even on a loaded machine");
    }

    private static long percentile(List<Long> micros, int p) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
    }

    private static String ms(List<Long> micros, int p) {
        return String.format("%.1f ms", percentile(micros, p) / 1000.0);
    }

    /** 50 active regular hosts in Tokyo, Mon–Fri 09–18 with lunch, cap 6; three bookings each working day for 30 days. */
    private void seed(UUID org, UUID type) throws SQLException {
        String days = "(values ('MONDAY'),('TUESDAY'),('WEDNESDAY'),('THURSDAY'),('FRIDAY'),('SATURDAY'),('SUNDAY')) d(wd)";
        try (Connection c = db.getConnection()) {
            for (String sql : List.of(
                    """
                    insert into host (user_id, org_id, email, email_key, role, user_type, status, calendar_provider, calendar_linked)
                    select gen_random_uuid(), ?, 'p' || g || '@perf.example', 'p' || g || '@perf.example', 'MEMBER', 'REGULAR',
                           'ACTIVE', 'GOOGLE', true from generate_series(1, 50) g""",
                    "insert into work_schedule (id, org_id, user_id, time_zone) select gen_random_uuid(), org_id, user_id, 'Asia/Tokyo' from host where org_id = ?",
                    """
                    insert into work_day (schedule_id, weekday, enabled, start_time, end_time, daily_cap)
                    select s.id, d.wd, d.wd not in ('SATURDAY', 'SUNDAY'), '09:00', '18:00',
                           case when d.wd in ('SATURDAY', 'SUNDAY') then null else 6 end
                    from work_schedule s cross join %s where s.org_id = ?""".formatted(days),
                    """
                    insert into work_break (schedule_id, weekday, start_time, end_time)
                    select s.id, d.wd, '12:00', '13:00' from work_schedule s cross join %s
                    where s.org_id = ? and d.wd not in ('SATURDAY', 'SUNDAY')""".formatted(days),
                    """
                    insert into booking (id, org_id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method, starts_at,
                        ends_at, blocked_from, blocked_to, host_day, host_time_zone, status, lead_name, lead_email, lead_locale,
                        via_public_page)
                    select gen_random_uuid(), h.org_id, h.user_id, gen_random_uuid(), 'Old', 'PHONE', s, s + interval '30 minutes',
                           s, s + interval '30 minutes', day, 'Asia/Tokyo', 'BOOKED', 'Lead', 'lead@perf.example', 'en', false
                    from host h cross join generate_series(0, 29) n
                         cross join lateral (select (current_date + n) as day) dd
                         cross join lateral (select ((dd.day + make_time(hh, 0, 0)) at time zone 'Asia/Tokyo') as s
                                             from (values (10), (14), (16)) t(hh)) ss
                    where h.org_id = ? and extract(isodow from dd.day) < 6""",
                    """
                    insert into host_day (org_id, user_id, day, booked)
                    select org_id, host_user_id, host_day, count(*) from booking where org_id = ? group by org_id, host_user_id, host_day""")) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setObject(1, org);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into meeting_type (id, org_id, name, duration_minutes, conferencing_method, slot_step_minutes,
                        minimum_notice_minutes, booking_horizon_days, buffer_before_minutes, buffer_after_minutes, public_booking_id)
                    values (?, ?, 'Perf', 30, 'PHONE', 15, 0, 60, 5, 5, ?)""")) {
                ps.setObject(1, type);
                ps.setObject(2, org);
                ps.setString(3, "perf-" + UUID.randomUUID());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into meeting_type_host (org_id, meeting_type_id, user_id, position)
                    select org_id, ?, user_id, (row_number() over (order by user_id)) - 1 from host where org_id = ?""")) {
                ps.setObject(1, type);
                ps.setObject(2, org);
                ps.executeUpdate();
            }
        }
    }
}
