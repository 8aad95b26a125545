package dev.kaigi.scheduling.booking;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.booking.BookingReads.Plan;
import dev.kaigi.scheduling.booking.BookingWriter.Booked;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.Intervals;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.eligibility.WorkRules;
import dev.kaigi.scheduling.host.HostStatus;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.MeetingType;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SCH-08: the fair order lives in {@code book.sql}, where it decides; {@link FairChoice} says it
 * plainly. On generated pools (zones on both sides of UTC, caps, a day's meetings, last bookings,
 * ties), every booking the writer makes goes to the host the oracle puts first, booking after
 * booking as the counts change.
 */
@QuarkusTest
class FairOrderOracleTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Tokyo"), ZoneId.of("Asia/Kolkata"), ZoneId.of("America/New_York"));
    private static final int POOLS = 60;
    private static final int BOOKINGS_PER_POOL = 4;

    @Inject
    BookingWriter writer;
    @Inject
    AgroalDataSource db;

    /** One host as the oracle sees it, kept in step with what the writer wrote. */
    private static final class Host {
        final UUID id = UUID.randomUUID();
        ZoneId zone;
        Integer cap;
        final Map<LocalDate, Integer> booked = new HashMap<>();
        Instant lastBooked;

        HostFacts facts() {
            Map<DayOfWeek, WorkRules.Day> week = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek d : DayOfWeek.values()) {
                week.put(d, new WorkRules.Day(true, new WorkRules.Window(LocalTime.MIN, LocalTime.of(23, 59)), List.of(), cap));
            }
            return new HostFacts(id, HostStatus.ACTIVE, UserType.REGULAR, true, true, false, zone, new WorkRules(week), null, null,
                    Map.copyOf(booked), Intervals.NONE);
        }
    }

    @Test
    @DisplayName("SCH-08: the writer's SQL chooses the host FairChoice puts first, on generated pools, booking after booking")
    void sqlOrderMatchesTheOracle() throws SQLException {
        Random random = new Random(20261206);
        Instant base = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        for (int pool = 0; pool < POOLS; pool++) {
            UUID org = UUID.randomUUID();
            Instant first = base.plus(Duration.ofHours(random.nextInt(24)));
            List<Host> hosts = generate(random, first);
            long factsVersion = store(org, hosts);
            for (int n = 0; n < BOOKINGS_PER_POOL; n++) {
                Instant start = first.plus(Duration.ofHours(n));
                Instant createdAt = base.minus(Duration.ofDays(1)).plusSeconds(pool * 100L + n);
                List<HostFacts> all = hosts.stream().map(Host::facts).toList();
                List<HostFacts> underCap = all.stream().filter(h -> h.dayAt(start).rules().dailyCap() == null
                        || h.bookedOn(h.dayOf(start)) < h.dayAt(start).rules().dailyCap()).toList();
                Map<UUID, Instant> lastBooked = new HashMap<>();
                hosts.stream().filter(h -> h.lastBooked != null).forEach(h -> lastBooked.put(h.id, h.lastBooked));
                UUID expected = underCap.isEmpty() ? null : FairChoice.order(underCap, start, lastBooked).get(0).userId();

                Booked booked = writer.write(booking(org, start, createdAt), plan(org, factsVersion, start, all), null, null);

                assertEquals(expected, booked == null ? null : booked.hostUserId(), "pool " + pool + ", booking " + n);
                if (booked != null) {
                    Host chosen = hosts.stream().filter(h -> h.id.equals(booked.hostUserId())).findFirst().orElseThrow();
                    chosen.booked.merge(start.atZone(chosen.zone).toLocalDate(), 1, Integer::sum);
                    chosen.lastBooked = chosen.lastBooked == null || createdAt.isAfter(chosen.lastBooked) ? createdAt : chosen.lastBooked;
                }
            }
        }
    }

    /** 1-6 hosts; each in a zone, with or without a cap, 0-3 meetings that day, booked before or never; ties on purpose. */
    private static List<Host> generate(Random random, Instant start) {
        List<Host> hosts = new ArrayList<>();
        Instant[] lastBookings = {null, null, start.minus(Duration.ofDays(3)), start.minus(Duration.ofDays(40)), start.minus(Duration.ofDays(3))};
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            Host h = new Host();
            h.zone = ZONES.get(random.nextInt(ZONES.size()));
            h.cap = random.nextInt(3) == 0 ? null : 1 + random.nextInt(4);
            int count = random.nextInt(4);
            if (count > 0) {
                h.booked.put(start.atZone(h.zone).toLocalDate(), count);
            }
            h.lastBooked = lastBookings[random.nextInt(lastBookings.length)];
            hosts.add(h);
        }
        return hosts;
    }

    /** Writes the hosts and their counts; returns the organization's facts version (the hosts changed it). */
    private long store(UUID org, List<Host> hosts) throws SQLException {
        try (Connection c = db.getConnection()) {
            exec(c, "insert into organization (org_id, time_zone) values (?, 'Asia/Tokyo')", org);
            for (Host h : hosts) {
                exec(c, "insert into host (user_id, org_id, status, user_type) values (?, ?, 'ACTIVE', 'REGULAR')", h.id, org);
                for (Map.Entry<LocalDate, Integer> day : h.booked.entrySet()) {
                    exec(c, "insert into host_day (org_id, user_id, day, booked) values (?, ?, ?, ?)", org, h.id, day.getKey(), day.getValue());
                }
                if (h.lastBooked != null) {
                    exec(c, "insert into host_last_booked (user_id, booked_at) values (?, ?)", h.id, h.lastBooked.atOffset(ZoneOffset.UTC));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select coalesce((select version from org_facts_version where org_id = ?), 0)")) {
                ps.setObject(1, org);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
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

    private static Plan plan(UUID org, long factsVersion, Instant start, List<HostFacts> candidates) {
        MeetingType type = new MeetingType();
        type.id = UUID.randomUUID();
        type.orgId = org;
        BookableType target = new BookableType(type, candidates.stream().map(HostFacts::userId).toList(), factsVersion);
        Slot slot = new Slot(start, start.plus(Duration.ofMinutes(30)), Duration.ZERO, Duration.ZERO, ConferencingMethod.PHONE);
        return new Plan(target, slot, candidates, null, null, Map.of(), true);
    }

    private static Booking booking(UUID org, Instant start, Instant createdAt) {
        Booking b = new Booking();
        b.id = UUID.randomUUID();
        b.orgId = org;
        b.hostUserId = BookingWriter.HOST_PENDING;
        b.hostTimeZone = "";
        b.meetingTypeId = UUID.randomUUID();
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
