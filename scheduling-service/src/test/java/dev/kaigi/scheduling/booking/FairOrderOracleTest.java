package dev.kaigi.scheduling.booking;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.booking.BookingReads.Plan;
import dev.kaigi.scheduling.booking.BookingWriter.Booked;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.Intervals;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.eligibility.WorkRules;
import dev.kaigi.scheduling.host.HostStatus;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.MeetingType;
import dev.kaigi.scheduling.meetingtype.PoolShare;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SCH-08, AVL-05: the fair order lives in {@code book.sql}, where it decides; {@link FairChoice} says
 * it plainly. On generated pools (zones on both sides of UTC, weights, priorities, the pool's
 * meetings inside and just outside the window, caps, a day's meetings, last bookings, ties), every
 * booking the writer makes goes to the host the oracle puts first, booking after booking as the
 * counts change; and it records the candidates over their cap as passed over (AVL-06). Over many
 * bookings, shares follow the weights.
 */
@QuarkusTest
class FairOrderOracleTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Tokyo"), ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"));
    private static final int POOLS = 60;
    private static final int BOOKINGS_PER_POOL = 6;

    @Inject
    BookingWriter writer;
    @Inject
    AgroalDataSource db;

    /** One host as the oracle sees it, kept in step with what the writer wrote. */
    private static final class Host {
        final UUID id = UUID.randomUUID();
        ZoneId zone = ZoneId.of("Asia/Tokyo");
        Integer cap;
        PoolShare share = PoolShare.DEFAULT;
        final Map<LocalDate, Integer> booked = new HashMap<>();
        final Map<LocalDate, Integer> poolMeetings = new HashMap<>();
        Instant lastBooked;

        HostFacts facts() {
            Map<DayOfWeek, WorkRules.Day> week = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                week.put(d, new WorkRules.Day(true, new WorkRules.Window(LocalTime.MIN, LocalTime.of(23, 59)), List.of(), cap));
            }
            return new HostFacts(id, HostStatus.ACTIVE, UserType.REGULAR, true, true, false, zone, new WorkRules(week), null, null,
                    Map.copyOf(booked), Intervals.NONE);
        }

        void gotMeetingAt(Instant start, Instant createdAt) {
            LocalDate day = start.atZone(zone).toLocalDate();
            booked.merge(day, 1, Integer::sum);
            poolMeetings.merge(day, 1, Integer::sum);
            lastBooked = lastBooked == null || createdAt.isAfter(lastBooked) ? createdAt : lastBooked;
        }
    }

    /** A pool of generated hosts, stored, with its meeting type's id and the facts version it was stored under. */
    private record Pool(UUID org, UUID typeId, List<Host> hosts, long factsVersion) {
    }

    @Test
    @DisplayName("AVL-05, SCH-08: the writer's SQL chooses the host FairChoice puts first (weights, priorities, the pool's window, "
            + "caps, day load, last booking), on generated pools, booking after booking; AVL-06: the hosts at their cap are recorded "
            + "as passed over")
    void sqlOrderMatchesTheOracle() throws SQLException {
        Random random = new Random(20261207);
        Instant base = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.HOURS);
        for (int p = 0; p < POOLS; p++) {
            Instant first = base.plus(Duration.ofHours(random.nextInt(24)));
            Pool pool = store(generate(random, first));
            for (int n = 0; n < BOOKINGS_PER_POOL; n++) {
                Instant start = first.plus(Duration.ofHours(n));
                Instant createdAt = base.minus(Duration.ofDays(1)).plusSeconds(p * 100L + n);
                List<HostFacts> all = pool.hosts().stream().map(Host::facts).toList();
                List<HostFacts> underCap = all.stream().filter(h -> !atCap(h, start)).toList();
                UUID expected = underCap.isEmpty() ? null : FairChoice.order(underCap, start, shares(pool), poolMeetings(pool),
                        lastBooked(pool)).get(0).userId();

                Booking b = booking(pool, start, createdAt);
                Booked booked = writer.write(b, plan(pool, start, all), null, null);

                assertEquals(expected, booked == null ? null : booked.hostUserId(), "pool " + p + ", booking " + n);
                if (booked != null) {
                    host(pool, booked.hostUserId()).gotMeetingAt(start, createdAt);
                    Map<UUID, String> atCap = new HashMap<>();
                    all.stream().filter(h -> atCap(h, start)).forEach(h -> atCap.put(h.userId(), Reason.DAILY_CAP_REACHED.code()));
                    assertEquals(atCap, passedOver(b.id), "AVL-06: pool " + p + ", booking " + n);
                }
            }
        }
    }

    @Test
    @DisplayName("AVL-05: weights 1:2:3 in one pool, 6,000 bookings, no cap binding and every host free: each host's share of "
            + "the pool's meetings is within 2 percentage points of 1/6, 2/6 and 3/6")
    void sharesFollowTheWeights() throws SQLException {
        List<Host> hosts = new ArrayList<>();
        for (int weight = 1; weight <= 3; weight++) {
            Host h = new Host();
            h.share = new PoolShare(weight, 0);
            hosts.add(h);
        }
        Pool pool = store(hosts);
        List<HostFacts> all = hosts.stream().map(Host::facts).toList();
        Instant base = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        Map<UUID, Integer> meetings = new HashMap<>();
        int total = 6_000;
        for (int n = 0; n < total; n++) {
            // ten-minute meetings back to back: 6,000 of them span 42 days, so the window rolls
            Instant start = base.plus(Duration.ofMinutes(10L * n));
            Booking b = booking(pool, start, Instant.now());
            b.endsAt = start.plus(Duration.ofMinutes(10));
            b.blockedTo = b.endsAt;
            Booked booked = writer.write(b, plan(pool, start, all), null, null);
            meetings.merge(booked.hostUserId(), 1, Integer::sum);
        }
        for (int i = 0; i < 3; i++) {
            double share = meetings.getOrDefault(hosts.get(i).id, 0) / (double) total;
            double target = (i + 1) / 6.0;
            System.out.printf("AVL-05 weight %d: %d of %d meetings, share %.4f, target %.4f%n", i + 1,
                    meetings.getOrDefault(hosts.get(i).id, 0), total, share, target);
            assertEquals(target, share, 0.02, "weight " + (i + 1));
        }
        assertEquals(total, poolCount(pool), "the pool's counters hold every meeting");
    }

    private static boolean atCap(HostFacts h, Instant start) {
        Integer cap = h.dayAt(start).rules().dailyCap();
        return cap != null && h.bookedOn(h.dayOf(start)) >= cap;
    }

    private static Host host(Pool pool, UUID id) {
        return pool.hosts().stream().filter(h -> h.id.equals(id)).findFirst().orElseThrow();
    }

    private static Map<UUID, PoolShare> shares(Pool pool) {
        Map<UUID, PoolShare> shares = new HashMap<>();
        pool.hosts().forEach(h -> shares.put(h.id, h.share));
        return shares;
    }

    private static Map<UUID, Map<LocalDate, Integer>> poolMeetings(Pool pool) {
        Map<UUID, Map<LocalDate, Integer>> meetings = new HashMap<>();
        pool.hosts().forEach(h -> meetings.put(h.id, Map.copyOf(h.poolMeetings)));
        return meetings;
    }

    private static Map<UUID, Instant> lastBooked(Pool pool) {
        Map<UUID, Instant> lastBooked = new HashMap<>();
        pool.hosts().stream().filter(h -> h.lastBooked != null).forEach(h -> lastBooked.put(h.id, h.lastBooked));
        return lastBooked;
    }

    /**
     * 1-6 hosts; each in a zone, a weight and a priority (defaults often), with or without a cap, 0-3 meetings that day,
     * the pool's meetings on days in and just out of the window, booked before or never; ties on purpose.
     */
    private static List<Host> generate(Random random, Instant start) {
        List<Host> hosts = new ArrayList<>();
        Instant[] lastBookings = {null, null, start.minus(Duration.ofDays(3)), start.minus(Duration.ofDays(40)), start.minus(Duration.ofDays(3))};
        int[] weights = {1, 1, 1, 2, 3, 5, 100};
        int[] priorities = {0, 0, 0, 1, -1, 100};
        // days around the window's edges: the meeting's day, the day before, its first day, the day before it, the day after
        int[] dayOffsets = {0, -1, -(PlanSql.FAIR_WINDOW_DAYS - 1), -PlanSql.FAIR_WINDOW_DAYS, 1};
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            Host h = new Host();
            h.zone = ZONES.get(random.nextInt(ZONES.size()));
            h.cap = random.nextInt(3) == 0 ? null : 1 + random.nextInt(4);
            h.share = new PoolShare(weights[random.nextInt(weights.length)], priorities[random.nextInt(priorities.length)]);
            LocalDate day = start.atZone(h.zone).toLocalDate();
            int count = random.nextInt(4);
            if (count > 0) {
                h.booked.put(day, count);
            }
            for (int offset : dayOffsets) {
                int meetings = random.nextInt(3) == 0 ? random.nextInt(4) : 0;
                if (meetings > 0) {
                    h.poolMeetings.put(day.plusDays(offset), meetings);
                }
            }
            h.lastBooked = lastBookings[random.nextInt(lastBookings.length)];
            hosts.add(h);
        }
        return hosts;
    }

    /** Writes the hosts and their counts in a new organization; returns the pool with its facts version (the hosts changed it). */
    private Pool store(List<Host> hosts) throws SQLException {
        UUID org = UUID.randomUUID();
        UUID typeId = UUID.randomUUID();
        try (Connection c = db.getConnection()) {
            exec(c, "insert into organization (org_id, time_zone) values (?, 'Asia/Tokyo')", org);
            for (Host h : hosts) {
                exec(c, "insert into host (user_id, org_id, status, user_type) values (?, ?, 'ACTIVE', 'REGULAR')", h.id, org);
                for (Map.Entry<LocalDate, Integer> day : h.booked.entrySet()) {
                    exec(c, "insert into host_day (org_id, user_id, day, booked) values (?, ?, ?, ?)", org, h.id, day.getKey(), day.getValue());
                }
                for (Map.Entry<LocalDate, Integer> day : h.poolMeetings.entrySet()) {
                    exec(c, "insert into pool_host_day (meeting_type_id, user_id, day, meetings) values (?, ?, ?, ?)", typeId, h.id,
                            day.getKey(), day.getValue());
                }
                if (h.lastBooked != null) {
                    exec(c, "insert into host_last_booked (user_id, booked_at) values (?, ?)", h.id, h.lastBooked.atOffset(ZoneOffset.UTC));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select coalesce((select version from org_facts_version where org_id = ?), 0)")) {
                ps.setObject(1, org);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Pool(org, typeId, hosts, rs.getLong(1));
                }
            }
        }
    }

    /** AVL-06: the hosts the booking records as passed over, with their reasons. */
    private Map<UUID, String> passedOver(UUID bookingId) throws SQLException {
        Map<UUID, String> passed = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select h, r from booking, unnest(passed_over_host_ids, passed_over_reasons) p(h, r) "
                     + "where id = ?")) {
            ps.setObject(1, bookingId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    passed.put(rs.getObject(1, UUID.class), rs.getString(2));
                }
            }
        }
        return passed;
    }

    private int poolCount(Pool pool) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select coalesce(sum(meetings), 0) from pool_host_day where meeting_type_id = ?")) {
            ps.setObject(1, pool.typeId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void exec(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    private static Plan plan(Pool pool, Instant start, List<HostFacts> candidates) {
        MeetingType type = new MeetingType();
        type.id = pool.typeId();
        type.orgId = pool.org();
        BookableType target = new BookableType(type, candidates.stream().map(HostFacts::userId).toList(), pool.factsVersion(),
                shares(pool));
        Slot slot = new Slot(start, start.plus(Duration.ofMinutes(30)), Duration.ZERO, Duration.ZERO, ConferencingMethod.PHONE);
        return new Plan(target, slot, candidates, null, null, Map.of(), true);
    }

    private static Booking booking(Pool pool, Instant start, Instant createdAt) {
        Booking b = new Booking();
        b.id = UUID.randomUUID();
        b.orgId = pool.org();
        b.hostUserId = BookingWriter.HOST_PENDING;
        b.hostTimeZone = "";
        b.meetingTypeId = pool.typeId();
        b.meetingTypeName = "Oracle";
        b.conferencingMethod = ConferencingMethod.PHONE;
        b.startsAt = start;
        b.endsAt = start.plus(Duration.ofMinutes(30));
        b.blockedFrom = b.startsAt;
        b.blockedTo = b.endsAt;
        b.status = BookingStatus.BOOKED;
        b.leadName = "Lead";
        b.leadEmail = "lead@customer.example";
        b.leadLocale = "en";
        b.leadTimeZone = "UTC";
        b.createdAt = createdAt;
        return b;
    }
}
