package dev.kaigi.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * scheduling-service's tables as the booking and availability benchmarks need them: hosts,
 * schedules and meeting types written straight into the read model (what user-service's and
 * integration-service's events would have left there), and the checks after a run.
 */
final class SchedulingDb {

    static final String ZONE = "Asia/Tokyo";
    static final String DAYS = "(values ('MONDAY'),('TUESDAY'),('WEDNESDAY'),('THURSDAY'),('FRIDAY'),('SATURDAY'),('SUNDAY')) d(wd)";

    private final Connection c;

    SchedulingDb(Db db) {
        this.c = db.connection();
    }

    /** The organization row (its zone, as organization-created leaves it). */
    void organization(UUID org) throws SQLException {
        update("insert into organization (org_id, time_zone) values (?, ?)", org, ZONE);
    }

    /**
     * Active regular MEMBERs with a linked Google calendar (so every SCH-07 rule can pass), each with
     * a Tokyo schedule: every weekday {@code start}–{@code end} when {@code everyDay}, else Mon–Fri;
     * a 12:00–13:00 break when asked; daily cap {@code caps[i % caps.length]} for host i.
     */
    List<UUID> hosts(UUID org, List<UUID> ids, String start, String end, boolean everyDay, boolean lunch, int... caps)
            throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            UUID user = ids.get(i);
            update("""
                    insert into host (user_id, org_id, email, email_key, role, user_type, status, calendar_provider, calendar_linked)
                    values (?, ?, ?, ?, 'MEMBER', 'REGULAR', 'ACTIVE', 'GOOGLE', true)""",
                    user, org, "h" + i + "-" + user.toString().substring(0, 8) + "@bench.example",
                    "h" + i + "-" + user.toString().substring(0, 8) + "@bench.example");
            UUID schedule = UUID.randomUUID();
            update("insert into work_schedule (id, org_id, user_id, time_zone) values (?, ?, ?, ?)", schedule, org, user, ZONE);
            Integer cap = caps.length == 0 ? null : caps[i % caps.length];
            update("""
                    insert into work_day (schedule_id, weekday, enabled, start_time, end_time, daily_cap)
                    select ?, d.wd, e.en, case when e.en then ?::time end, case when e.en then ?::time end,
                           case when e.en then ?::int end
                    from %s cross join lateral (select (? or d.wd not in ('SATURDAY', 'SUNDAY')) as en) e""".formatted(DAYS),
                    schedule, start, end, cap, everyDay);
            if (lunch) {
                update("""
                        insert into work_break (schedule_id, weekday, start_time, end_time)
                        select w.schedule_id, w.weekday, '12:00', '13:00' from work_day w where w.schedule_id = ? and w.enabled""",
                        schedule);
            }
        }
        return ids;
    }

    static List<UUID> randomIds(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(UUID.randomUUID());
        }
        return ids;
    }

    /** A meeting type written directly (the pgbench side has no service; availability's seed as AvailabilitySpeedTest's). */
    void meetingType(UUID org, UUID type, String name, int minutes, int step, int horizonDays, int buffer, List<UUID> pool)
            throws SQLException {
        update("""
                insert into meeting_type (id, org_id, name, duration_minutes, conferencing_method, slot_step_minutes,
                    minimum_notice_minutes, booking_horizon_days, buffer_before_minutes, buffer_after_minutes, public_booking_id)
                values (?, ?, ?, ?, 'PHONE', ?, 0, ?, ?, ?, ?)""",
                type, org, name, minutes, step, horizonDays, buffer, buffer, "bench-" + UUID.randomUUID());
        for (int i = 0; i < pool.size(); i++) {
            update("insert into meeting_type_host (org_id, meeting_type_id, user_id, position) values (?, ?, ?, ?)", org, type, pool.get(i), i);
        }
    }

    /** host_day rows of every host of {@code org} for {@code days} days from {@code from}. */
    void hostDays(UUID org, LocalDate from, int days) throws SQLException {
        update("""
                insert into host_day (org_id, user_id, day)
                select h.org_id, h.user_id, ?::date + g from host h cross join generate_series(0, ? - 1) g where h.org_id = ?""",
                from, days, org);
    }

    /** AvailabilitySpeedTest's month: three 30-minute bookings (10:00, 14:00, 16:00 Tokyo) on each working day of the next 30 days, counters to match. */
    void monthOfBookings(UUID org) throws SQLException {
        update("""
                insert into booking (id, org_id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method, starts_at,
                    ends_at, blocked_from, blocked_to, host_day, host_time_zone, status, lead_name, lead_email, lead_locale,
                    via_public_page)
                select gen_random_uuid(), h.org_id, h.user_id, gen_random_uuid(), 'Old', 'PHONE', s, s + interval '30 minutes',
                       s, s + interval '30 minutes', day, 'Asia/Tokyo', 'BOOKED', 'Lead', 'lead@perf.example', 'en', false
                from host h cross join generate_series(0, 29) n
                     cross join lateral (select ((now() at time zone 'Asia/Tokyo')::date + n) as day) dd
                     cross join lateral (select ((dd.day + make_time(hh, 0, 0)) at time zone 'Asia/Tokyo') as s
                                         from (values (10), (14), (16)) t(hh)) ss
                where h.org_id = ? and extract(isodow from dd.day) < 6""", org);
        update("""
                insert into host_day (org_id, user_id, day, booked)
                select org_id, host_user_id, host_day, count(*) from booking where org_id = ? group by org_id, host_user_id, host_day""", org);
    }

    /**
     * What the database must guarantee after any number of concurrent bookings (SCH-03, SCH-08):
     * no host-day over its weekday's cap (or over {@code fixedCap} when given), every counter equal
     * to its host's BOOKED rows of that day, no two BOOKED meetings of a host overlapping (with
     * buffers), one meeting-booked outbox row per booking.
     */
    Map<String, Object> bookingCounts(UUID org, Integer fixedCap) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bookings", count("select count(*) from booking where org_id = ? and status = 'BOOKED'", org));
        m.put("counter_total", count("select coalesce(sum(booked), 0) from host_day where org_id = ?", org));
        m.put("host_days_used", count("select count(*) from host_day where org_id = ? and booked > 0", org));
        if (fixedCap != null) {
            m.put("cap_violations", count("select count(*) from host_day where org_id = ? and booked > ?", org, fixedCap));
        } else {
            m.put("cap_violations", count("""
                    select count(*) from host_day hd join work_schedule s on s.user_id = hd.user_id
                      join work_day wd on wd.schedule_id = s.id and wd.weekday = to_char(hd.day, 'FMDAY')
                     where hd.org_id = ? and wd.daily_cap is not null and hd.booked > wd.daily_cap""", org));
            m.put("host_days_at_cap", count("""
                    select count(*) from host_day hd join work_schedule s on s.user_id = hd.user_id
                      join work_day wd on wd.schedule_id = s.id and wd.weekday = to_char(hd.day, 'FMDAY')
                     where hd.org_id = ? and hd.booked = wd.daily_cap""", org));
        }
        m.put("counter_mismatches", count("""
                select count(*) from host_day hd where hd.org_id = ? and hd.booked <> (select count(*) from booking b
                 where b.host_user_id = hd.user_id and b.host_day = hd.day and b.status = 'BOOKED')""", org));
        m.put("bookings_without_counter_row", count("""
                select count(*) from booking b where b.org_id = ? and b.status = 'BOOKED'
                   and not exists (select 1 from host_day hd where hd.user_id = b.host_user_id and hd.day = b.host_day)""", org));
        m.put("overlaps", count("""
                select count(*) from (select blocked_from, lag(blocked_to) over (partition by host_user_id order by blocked_from) prev
                  from booking where org_id = ? and status = 'BOOKED') x where prev > blocked_from""", org));
        m.put("outbox_meeting_booked", count(
                "select count(*) from outbox where org_id = ? and event_type = 'kaigi.scheduling.meeting-booked.v1'", org));
        m.put("outbox_unsent", count("select count(*) from outbox where org_id = ? and sent_at is null", org));
        return m;
    }

    /** Problems with {@link #bookingCounts}; empty when all is well. {@code successes}: what the clients were told. */
    static List<String> bookingProblems(Map<String, Object> c, long successes, long ambiguous) {
        List<String> p = new ArrayList<>();
        long rows = (Long) c.get("bookings");
        if ((Long) c.get("cap_violations") != 0) {
            p.add(c.get("cap_violations") + " host-days over their cap");
        }
        if ((Long) c.get("counter_mismatches") != 0 || (Long) c.get("counter_total") != rows) {
            p.add("counters (" + c.get("counter_total") + ", " + c.get("counter_mismatches") + " host-days off) != " + rows + " bookings");
        }
        if ((Long) c.get("bookings_without_counter_row") != 0) {
            p.add(c.get("bookings_without_counter_row") + " bookings without a host_day row");
        }
        if ((Long) c.get("overlaps") != 0) {
            p.add(c.get("overlaps") + " overlapping bookings");
        }
        if ((Long) c.get("outbox_meeting_booked") != rows) {
            p.add(c.get("outbox_meeting_booked") + " meeting-booked outbox rows for " + rows + " bookings");
        }
        if (rows < successes || rows > successes + ambiguous) {
            p.add(rows + " bookings, but " + successes + " successes reported to clients (+" + ambiguous + " unknown outcomes)");
        }
        return p;
    }

    /**
     * Beside {@link #bookingCounts} after moves: every move raised its booking's sequence by one and
     * wrote one meeting-rescheduled outbox row, in the same statement or transaction.
     */
    Map<String, Object> moveCounts(UUID org, Map<String, Object> m) throws SQLException {
        m.put("sequence_total", count("select coalesce(sum(sequence), 0) from booking where org_id = ?", org));
        m.put("outbox_meeting_rescheduled", count(
                "select count(*) from outbox where org_id = ? and event_type = 'kaigi.scheduling.meeting-rescheduled.v1'", org));
        return m;
    }

    /** Problems with {@link #moveCounts}; {@code moves}: the moves the clients were told of. */
    static List<String> moveProblems(Map<String, Object> c, long moves, long ambiguous) {
        List<String> p = new ArrayList<>();
        long sequences = (Long) c.get("sequence_total");
        if ((Long) c.get("outbox_meeting_rescheduled") != sequences) {
            p.add(c.get("outbox_meeting_rescheduled") + " meeting-rescheduled outbox rows, but the sequences add up to " + sequences);
        }
        if (sequences < moves || sequences > moves + ambiguous) {
            p.add("sequences add up to " + sequences + ", but " + moves + " moves reported to clients (+" + ambiguous + " unknown outcomes)");
        }
        return p;
    }

    long unsent(UUID org) throws SQLException {
        return count("select count(*) from outbox where org_id = ? and sent_at is null", org);
    }

    void update(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, params)) {
            ps.executeUpdate();
        }
    }

    long count(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    void analyze() throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("analyze");
        }
    }
}
