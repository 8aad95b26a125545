package dev.kaigi.scheduling.eligibility;

import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.holiday.ClosedDays;
import dev.kaigi.scheduling.host.HostStatus;
import dev.kaigi.scheduling.meetingtype.MeetingType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Reads what eligibility needs for a set of hosts and a span of time in one round trip, whatever
 * the pool size or the range (availability's and booking's speed depend on it). Two kinds of
 * facts: host profiles (hosts with schedules, weekdays and breaks, opportunity counts), which
 * change only through this service's API and events and may come from {@link HostFactsCache};
 * and what bookings change (host-day counters, taken times, when each host last got a meeting),
 * read every time. The queries go to PostgreSQL together (the driver sends a multi-statement
 * prepared statement with one Sync), and their result sets are read in order.
 */
@ApplicationScoped
public class HostFactsLoader {

    /** Zones are at most 14 h from UTC: reading the UTC dates one day around the span covers every host's local days. */
    private static final Duration MARGIN = Duration.ofDays(1);
    /** The longest a booking may block a host: the longest meeting with the longest buffer on each side. */
    public static final Duration MAX_BLOCKED = Duration.ofMinutes(
            MeetingType.MAX_DURATION_MINUTES + 2L * MeetingType.MAX_BUFFER_MINUTES);

    /** {@link #TAKEN}'s text, with {@code exceptOne} added to the bookings' condition. */
    private static String taken(String exceptOne) {
        return """
                select host_user_id, blocked_from, blocked_to from booking
                where host_user_id = any(?) and status <> 'CANCELLED' and blocked_from > ? and blocked_from < ? and blocked_to > ?%s
                union all
                select user_id, start_at, end_at from busy_time where user_id = any(?) and start_at < ? and end_at > ?
                """.formatted(exceptOne);
    }

    /** The hosts of the organization among the ids, with their zone and opportunity cap. */
    private static final String HOSTS = """
            select h.user_id, h.status, h.user_type, h.calendar_linked, h.zoom_linked, h.zoom_personal_url_present,
                   h.email_key, s.time_zone, s.opportunity_cap
            from host h left join work_schedule s on s.user_id = h.user_id and s.org_id = h.org_id
            where h.org_id = ? and h.user_id = any(?)
            """;

    /** The rules of every weekday (a profile is kept for any span): the day's window and cap, then its breaks. */
    private static final String WEEKDAYS = """
            select s.user_id, d.weekday, d.enabled, d.start_time, d.end_time, d.daily_cap, null, null
            from work_day d join work_schedule s on s.id = d.schedule_id where s.user_id = any(?)
            union all
            select s.user_id, b.weekday, null, null, null, null, b.start_time, b.end_time
            from work_break b join work_schedule s on s.id = b.schedule_id where s.user_id = any(?)
            """;

    /** SCH-04: a first row (null, 0) when the organization was ever synced, then the open opportunities of the hosts' addresses. */
    private static final String OPPORTUNITIES = """
            select null, 0 from organization where org_id = ? and opportunities_synced_at is not null
            union all
            select o.email_key, o.open_opportunities from opportunity_count o
            where o.org_id = ? and o.email_key in (select h.email_key from host h where h.org_id = ? and h.user_id = any(?))
            """;

    /**
     * AVL-01: the date overrides from two days ago on (a profile is kept for any span ahead), each
     * day's window and cap, then its breaks, as WEEKDAYS.
     */
    private static final String OVERRIDES = """
            select o.user_id, o.day, o.enabled, o.start_time, o.end_time, o.daily_cap, null::time, null::time
            from date_override o where o.user_id = any(?) and o.day >= current_date - 2
            union all
            select b.user_id, b.day, null, null, null, null, b.start_time, b.end_time
            from date_override_break b where b.user_id = any(?) and b.day >= current_date - 2
            """;

    /** AVL-02: time off that ended less than two days ago or later. */
    private static final String TIME_OFF = """
            select user_id, starts_at, ends_at from time_off where user_id = any(?) and ends_at > now() - interval '2 days'
            """;

    private static final String COUNTERS =
            "select user_id, day, booked from host_day where user_id = any(?) and day between ? and ? and booked > 0";

    /**
     * Kaigi bookings with their buffers, and calendar busy times: both block, only bookings count (SCH-03).
     * Bookings are found through booking_taken_by_host (host, start of the blocked time): no
     * booking blocks longer than MAX_BLOCKED, so one that ends after the span's start started
     * less than that before it, and the index reads only the span. (A range overlap on the
     * exclusion constraint's GiST index answers the same, five times slower for a 20-host pool.)
     * "status <> 'CANCELLED'" rather than "= 'BOOKED'" (the same, by the table's check) on
     * purpose: the GiST index is partial on "= 'BOOKED'", and the planner, free to choose, took it
     * with the host as its only condition and read each host's whole history (V4's comment).
     * <p>
     * Unlike days and counters, times need no margin: the callers pass the span whose overlaps
     * matter (the slot's blocked time; availability's range with the type's length and buffers).
     * For a booking the day's margin read about 330 rows of a 20-host pool instead of about 10,
     * and this query was the booking's most expensive (0.9 ms of PostgreSQL at 16 clients).
     */
    static final String TAKEN = taken("");
    /** TAKEN without one booking's own time: a booking being moved does not stand in its own way. */
    private static final String TAKEN_BUT_ONE = taken(" and id <> ?");

    /**
     * For a booking that starts from a remembered meeting type (BookingReads): the organization's
     * facts version now, and the caller's host row (LIF-01), as one row. First in the round trip,
     * so that profiles read after it may be kept under that version.
     */
    private static final String CHECK = """
            select coalesce((select v.version from org_facts_version v where v.org_id = ?), 0), h.org_id, h.status
            from (select 1) one left join host h on h.user_id = ?
            """;

    private static final String PROFILES = String.join(";\n", HOSTS, WEEKDAYS, OPPORTUNITIES, OVERRIDES, TIME_OFF, ClosedDays.QUERY);
    private static final String BOOKED = String.join(";\n", COUNTERS, TAKEN);
    private static final String ALL = PROFILES + ";\n" + BOOKED;
    // constants, not put together per call: the driver finds its prepared statements by the SQL text
    private static final String CHECKED_BOOKED = CHECK + ";\n" + BOOKED;
    private static final String CHECKED_ALL = CHECK + ";\n" + ALL;
    private static final String ALL_BUT_ONE = String.join(";\n", PROFILES, COUNTERS, TAKEN_BUT_ONE);
    private static final String CHECKED_ALL_BUT_ONE = CHECK + ";\n" + ALL_BUT_ONE;
    private static final String CHECKED_BOOKED_BUT_ONE = String.join(";\n", CHECK, COUNTERS, TAKEN_BUT_ONE);

    @Inject
    AgroalDataSource db;
    @Inject
    HostFactsCache cache;

    /**
     * What {@link #loadChecked} found besides the facts: the organization's facts version when the
     * round trip began, and the caller's host row (null fields when the caller is not a host here).
     */
    public record Checked(List<HostFacts> hosts, long factsVersion, UUID callerOrgId, String callerStatus) {
    }

    /**
     * The facts of {@code userIds} of {@code orgId} (others are left out), in the order given, all
     * read now: for callers that read no facts version first, or that write in the same transaction.
     *
     * @param from           the start of the span whose bookings and busy times matter
     * @param to             its end
     */
    public List<HostFacts> load(UUID orgId, List<UUID> userIds, Instant from, Instant to) {
        return read(orgId, null, userIds, from, to, null, null);
    }

    /** A facts version no memory holds: the profiles are read, and kept under the version read with them. */
    public static final long READ_FRESH = -1;

    /** A booking being moved (MTG-03, MTG-04, MTG-05): its host and the local day it counts on now. */
    public record Moving(UUID bookingId, UUID hostUserId, LocalDate hostDay) {
    }

    /**
     * As {@link #load(UUID, List, Instant, Instant)}, as if {@code moving} were not booked: its
     * time takes nothing and its day counts one meeting fewer, so that its host may keep it at a
     * new time that overlaps the old one, or on the same day at the cap.
     */
    public List<HostFacts> loadWithout(Moving moving, UUID orgId, List<UUID> userIds, Instant from, Instant to) {
        return read(orgId, null, userIds, from, to, null, moving);
    }

    /**
     * As {@link #loadWithout}, with the profiles from memory when they are known under
     * {@code factsVersion}, in the same round trip as the organization's facts version now and the
     * host row of {@code callerUserId} (may be null), as {@link #loadChecked} reads them: for a move
     * planned with a remembered meeting type, which is current only under that version.
     */
    public Checked loadWithoutChecked(Moving moving, UUID orgId, long factsVersion, UUID callerUserId, List<UUID> userIds,
                                      Instant from, Instant to) {
        Check check = new Check(orgId, callerUserId);
        List<HostFacts> hosts = read(orgId, factsVersion, userIds, from, to, check, moving);
        return new Checked(hosts, check.version, check.callerOrgId, check.callerStatus);
    }

    /**
     * As {@link #load}, with the host profiles from memory when they are known under
     * {@code factsVersion}, the organization's facts version the caller read (with the meeting
     * type, {@link dev.kaigi.scheduling.meetingtype.BookableTypes}) before calling.
     */
    public List<HostFacts> load(UUID orgId, long factsVersion, List<UUID> userIds, Instant from, Instant to) {
        return read(orgId, factsVersion, userIds, from, to, null, null);
    }

    /**
     * As {@link #load(UUID, long, List, Instant, Instant)}, for a caller who is not sure
     * that {@code factsVersion} is still current (it comes with a remembered meeting type): the same
     * round trip first reads the organization's version now and the host row of {@code callerUserId}
     * (may be null). When that version differs from {@code factsVersion}, profiles taken from memory
     * may be stale, and the caller must not use {@link Checked#hosts()}.
     */
    public Checked loadChecked(UUID orgId, long factsVersion, UUID callerUserId, List<UUID> userIds, Instant from, Instant to) {
        Check check = new Check(orgId, callerUserId);
        List<HostFacts> hosts = read(orgId, factsVersion, userIds, from, to, check, null);
        return new Checked(hosts, check.version, check.callerOrgId, check.callerStatus);
    }

    /**
     * The facts of {@code userIds} from memory alone, as if none of them had a meeting: the profiles
     * known under {@code factsVersion}, for a caller whose write checks that version and the
     * bookings itself (the booking's one round trip). Null unless every one of them is known.
     */
    public List<HostFacts> profilesOnly(UUID orgId, long factsVersion, List<UUID> userIds) {
        Map<UUID, HostProfile> profiles = cache.get(orgId, factsVersion, userIds);
        if (profiles == null) {
            return null;
        }
        List<HostFacts> facts = new ArrayList<>(userIds.size());
        for (UUID id : userIds) {
            facts.add(Booked.NOTHING.with(profiles.get(id)));
        }
        return facts;
    }

    /** The CHECK statement: its parameters, and what its row said. */
    private static final class Check {
        final UUID orgId;
        final UUID callerUserId;
        long version;
        UUID callerOrgId;
        String callerStatus;

        Check(UUID orgId, UUID callerUserId) {
            this.orgId = orgId;
            this.callerUserId = callerUserId;
        }

        int bind(PreparedStatement ps, int i) throws SQLException {
            ps.setObject(i++, orgId);
            ps.setObject(i++, callerUserId);
            return i;
        }

        void read(ResultSet rs) throws SQLException {
            try (rs) {
                rs.next();
                version = rs.getLong(1);
                callerOrgId = rs.getObject(2, UUID.class);
                callerStatus = rs.getString(3);
            }
        }
    }

    /** With a {@code check}, its statement goes first and read profiles are kept under the version it read. */
    private List<HostFacts> read(UUID orgId, Long factsVersion, List<UUID> userIds, Instant from, Instant to, Check check,
                                 Moving moving) {
        if (userIds.isEmpty() && check == null) {
            return List.of();
        }
        Map<UUID, HostProfile> profiles = factsVersion == null ? null : cache.get(orgId, factsVersion, userIds);
        boolean readProfiles = profiles == null;
        String sql = moving != null ? (check == null ? ALL_BUT_ONE : readProfiles ? CHECKED_ALL_BUT_ONE : CHECKED_BOOKED_BUT_ONE)
                : check == null ? (readProfiles ? ALL : BOOKED) : (readProfiles ? CHECKED_ALL : CHECKED_BOOKED);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array ids = c.createArrayOf("uuid", userIds.toArray());
            int i = 1;
            if (check != null) {
                i = check.bind(ps, i);
            }
            if (readProfiles) {
                i = bindProfiles(ps, i, orgId, ids);
            }
            bindBooked(ps, i, ids, from, to, moving);
            ps.execute();
            ResultSet first = ps.getResultSet();
            Long keepUnder = factsVersion;
            if (check != null) {
                check.read(first);
                keepUnder = check.version;
                first = next(ps);
            }
            Map<UUID, Booked> booked = new HashMap<>();
            if (readProfiles) {
                profiles = profiles(first, ps);
                if (keepUnder != null) {
                    cache.put(orgId, keepUnder, profiles.values());
                }
                counters(next(ps), booked);
            } else {
                counters(first, booked);
            }
            taken(next(ps), booked);
            if (moving != null && booked.containsKey(moving.hostUserId())) {
                booked.get(moving.hostUserId()).perDay.computeIfPresent(moving.hostDay(), (day, n) -> n - 1);
            }
            List<HostFacts> facts = new ArrayList<>(userIds.size());
            for (UUID id : userIds) {
                HostProfile p = profiles.get(id);
                if (p != null) {
                    facts.add(booked.getOrDefault(id, Booked.NOTHING).with(p));
                }
            }
            return facts;
        } catch (SQLException e) {
            throw new IllegalStateException("reading hosts for eligibility", e);
        }
    }

    private static int bindProfiles(PreparedStatement ps, int i, UUID orgId, Array ids) throws SQLException {
        // HOSTS
        ps.setObject(i++, orgId);
        ps.setArray(i++, ids);
        // WEEKDAYS
        ps.setArray(i++, ids);
        ps.setArray(i++, ids);
        // OPPORTUNITIES
        ps.setObject(i++, orgId);
        ps.setObject(i++, orgId);
        ps.setObject(i++, orgId);
        ps.setArray(i++, ids);
        // OVERRIDES
        ps.setArray(i++, ids);
        ps.setArray(i++, ids);
        // TIME_OFF
        ps.setArray(i++, ids);
        // ClosedDays.QUERY (AVL-03)
        ps.setObject(i++, orgId);
        ps.setObject(i++, orgId);
        return i;
    }

    private static void bindBooked(PreparedStatement ps, int i, Array ids, Instant from, Instant to, Moving moving)
            throws SQLException {
        // COUNTERS
        ps.setArray(i++, ids);
        ps.setObject(i++, from.minus(MARGIN).atOffset(ZoneOffset.UTC).toLocalDate());
        ps.setObject(i++, to.plus(MARGIN).atOffset(ZoneOffset.UTC).toLocalDate());
        // TAKEN
        OffsetDateTime f = from.atOffset(ZoneOffset.UTC);
        OffsetDateTime t = to.atOffset(ZoneOffset.UTC);
        ps.setArray(i++, ids);
        ps.setObject(i++, f.minus(MAX_BLOCKED));
        ps.setObject(i++, t);
        ps.setObject(i++, f);
        if (moving != null) {
            ps.setObject(i++, moving.bookingId());
        }
        ps.setArray(i++, ids);
        ps.setObject(i++, t);
        ps.setObject(i, f);
    }

    /** The next query's rows. */
    private static ResultSet next(PreparedStatement ps) throws SQLException {
        if (!ps.getMoreResults()) {
            throw new IllegalStateException("a query of the eligibility read returned no rows set");
        }
        return ps.getResultSet();
    }

    /**
     * The profiles of the hosts found, from HOSTS, WEEKDAYS, OPPORTUNITIES, OVERRIDES, TIME_OFF and the
     * organization's closed days (each rows set is closed by moving to the next).
     */
    private static Map<UUID, HostProfile> profiles(ResultSet hostRows, PreparedStatement ps) throws SQLException {
        Map<UUID, ProfileRow> rows = hosts(hostRows);
        weekdays(next(ps), rows);
        opportunities(next(ps), rows);
        overrides(next(ps), rows);
        timeOff(next(ps), rows);
        ClosedDays closed;
        try (ResultSet rs = next(ps)) {
            closed = ClosedDays.read(rs);
        }
        rows.values().forEach(r -> r.closed = closed::closed);
        Map<UUID, HostProfile> profiles = new HashMap<>(rows.size() * 2);
        rows.forEach((id, r) -> profiles.put(id, r.profile()));
        return profiles;
    }

    private static Map<UUID, ProfileRow> hosts(ResultSet rs) throws SQLException {
        Map<UUID, ProfileRow> rows = new HashMap<>();
        try (rs) {
            while (rs.next()) {
                ProfileRow r = new ProfileRow();
                r.userId = rs.getObject(1, UUID.class);
                r.status = rs.getString(2) == null ? null : HostStatus.valueOf(rs.getString(2));
                r.userType = rs.getString(3) == null ? null : UserType.valueOf(rs.getString(3));
                r.calendarLinked = rs.getBoolean(4);
                r.zoomLinked = rs.getBoolean(5);
                r.zoomUrl = rs.getBoolean(6);
                r.emailKey = rs.getString(7);
                r.zone = rs.getString(8) == null ? null : ZoneId.of(rs.getString(8));
                r.opportunityCap = (Integer) rs.getObject(9);
                rows.put(r.userId, r);
            }
        }
        return rows;
    }

    private static void weekdays(ResultSet rs, Map<UUID, ProfileRow> rows) throws SQLException {
        try (rs) {
            while (rs.next()) {
                ProfileRow r = rows.get(rs.getObject(1, UUID.class));
                if (r == null) {
                    continue;
                }
                DayOfWeek weekday = DayOfWeek.valueOf(rs.getString(2));
                if (rs.getObject(3) != null) {
                    r.day(weekday).read(rs);
                } else {
                    r.day(weekday).breaks.add(new WorkRules.Window(rs.getObject(7, LocalTime.class), rs.getObject(8, LocalTime.class)));
                }
            }
        }
    }

    /** SCH-04: a host missing from a sync has 0 open; before the organization's first sync nothing is known. */
    private static void opportunities(ResultSet rs, Map<UUID, ProfileRow> rows) throws SQLException {
        Map<String, Integer> byAddress = new HashMap<>();
        boolean synced = false;
        try (rs) {
            while (rs.next()) {
                if (rs.getString(1) == null) {
                    synced = true;
                } else {
                    byAddress.put(rs.getString(1), rs.getInt(2));
                }
            }
        }
        for (ProfileRow r : rows.values()) {
            r.open = synced ? byAddress.getOrDefault(r.emailKey, 0) : null;
        }
    }

    private static void overrides(ResultSet rs, Map<UUID, ProfileRow> rows) throws SQLException {
        try (rs) {
            while (rs.next()) {
                ProfileRow r = rows.get(rs.getObject(1, UUID.class));
                if (r == null) {
                    continue;
                }
                DayRow day = r.overrides.computeIfAbsent(rs.getObject(2, LocalDate.class), d -> new DayRow());
                if (rs.getObject(3) != null) {
                    day.read(rs);
                } else {
                    day.breaks.add(new WorkRules.Window(rs.getObject(7, LocalTime.class), rs.getObject(8, LocalTime.class)));
                }
            }
        }
    }

    private static void timeOff(ResultSet rs, Map<UUID, ProfileRow> rows) throws SQLException {
        try (rs) {
            while (rs.next()) {
                ProfileRow r = rows.get(rs.getObject(1, UUID.class));
                if (r != null) {
                    r.absences.add(new Instant[] {rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getObject(3, OffsetDateTime.class).toInstant()});
                }
            }
        }
    }

    private static void counters(ResultSet rs, Map<UUID, Booked> booked) throws SQLException {
        try (rs) {
            while (rs.next()) {
                booked.computeIfAbsent(rs.getObject(1, UUID.class), id -> new Booked())
                        .perDay.put(rs.getObject(2, LocalDate.class), rs.getInt(3));
            }
        }
    }

    private static void taken(ResultSet rs, Map<UUID, Booked> booked) throws SQLException {
        try (rs) {
            while (rs.next()) {
                booked.computeIfAbsent(rs.getObject(1, UUID.class), id -> new Booked())
                        .taken.add(new Instant[] {rs.getObject(2, OffsetDateTime.class).toInstant(),
                                rs.getObject(3, OffsetDateTime.class).toInstant()});
            }
        }
    }

    /** A host's profile being read. */
    private static final class ProfileRow {
        UUID userId;
        HostStatus status;
        UserType userType;
        boolean calendarLinked;
        boolean zoomLinked;
        boolean zoomUrl;
        String emailKey;
        ZoneId zone;
        Integer opportunityCap;
        Integer open;
        final Map<DayOfWeek, DayRow> days = new EnumMap<>(DayOfWeek.class);
        final Map<LocalDate, DayRow> overrides = new HashMap<>();
        Predicate<LocalDate> closed = WorkRules.NEVER_CLOSED;
        final List<Instant[]> absences = new ArrayList<>();

        DayRow day(DayOfWeek weekday) {
            return days.computeIfAbsent(weekday, d -> new DayRow());
        }

        HostProfile profile() {
            WorkRules rules = null;
            if (zone != null) {
                Map<DayOfWeek, WorkRules.Day> week = new EnumMap<>(DayOfWeek.class);
                days.forEach((d, r) -> week.put(d, r.rules()));
                Map<LocalDate, WorkRules.Day> dates = new HashMap<>();
                overrides.forEach((d, r) -> dates.put(d, r.rules()));
                rules = new WorkRules(week, dates, closed);
            }
            return new HostProfile(userId, status, userType, calendarLinked, zoomLinked, zoomUrl, zone, rules, opportunityCap, open,
                    Intervals.of(absences));
        }
    }

    /** A weekday or a date override being read. */
    private static final class DayRow {
        boolean enabled;
        WorkRules.Window hours;
        Integer cap;
        final List<WorkRules.Window> breaks = new ArrayList<>();

        /** Columns 3 to 6 of WEEKDAYS or OVERRIDES: enabled, start, end, cap. */
        void read(ResultSet rs) throws SQLException {
            LocalTime start = rs.getObject(4, LocalTime.class);
            LocalTime end = rs.getObject(5, LocalTime.class);
            enabled = rs.getBoolean(3);
            hours = start == null ? null : new WorkRules.Window(start, end);
            cap = (Integer) rs.getObject(6);
        }

        WorkRules.Day rules() {
            return new WorkRules.Day(enabled, hours, List.copyOf(breaks), cap);
        }
    }

    /** What bookings changed for a host: counters per local day and taken times. */
    private static final class Booked {
        static final Booked NOTHING = new Booked();
        final Map<LocalDate, Integer> perDay = new HashMap<>();
        final List<Instant[]> taken = new ArrayList<>();

        HostFacts with(HostProfile p) {
            return new HostFacts(p.userId(), p.status(), p.userType(), p.calendarLinked(), p.zoomLinked(),
                    p.zoomPersonalUrlPresent(), p.zone(), p.rules(), p.opportunityCap(), p.openOpportunities(),
                    perDay, Intervals.of(taken), p.absences());
        }
    }
}
