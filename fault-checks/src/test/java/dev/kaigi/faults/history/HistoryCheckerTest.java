package dev.kaigi.faults.history;

import dev.kaigi.faults.history.FinalState.AssignmentRow;
import dev.kaigi.faults.history.FinalState.BookingRow;
import dev.kaigi.faults.history.FinalState.EventFlow;
import dev.kaigi.faults.history.FinalState.HostDay;
import dev.kaigi.faults.history.FinalState.OutboxRow;
import dev.kaigi.faults.history.FinalState.PoolRow;
import dev.kaigi.faults.history.Op.Kind;
import dev.kaigi.faults.history.Op.Outcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The history checker on small hand-made histories: a clean one passes, each kind of anomaly is named. */
class HistoryCheckerTest {

    private static final UUID HOST = UUID.randomUUID();
    private static final LocalDate DAY = LocalDate.of(2030, 1, 7);
    private static final Instant NINE = Instant.parse("2030-01-07T00:00:00Z");

    private final List<Op> history = new ArrayList<>();
    private final List<BookingRow> bookings = new ArrayList<>();
    private final Map<HostDay, Integer> counters = new HashMap<>();
    private final Map<String, UUID> keys = new HashMap<>();
    private final List<AssignmentRow> assignments = new ArrayList<>();
    private final Map<String, Integer> mails = new HashMap<>();
    private PoolRow pool = new PoolRow("REGULAR", 2, 0);
    private List<OutboxRow> outbox = new ArrayList<>();
    private Set<UUID> inbox = Set.of();
    private long ids;

    /** A booking the service acknowledged, with its row, key, counter and mail. */
    private UUID acknowledgedBooking(int slot) {
        Op op = book(Outcome.OK, slot);
        op.complete(Outcome.OK, 201, UUID.randomUUID(), null);
        row(op, slot, true);
        return op.resultId;
    }

    private Op book(Outcome outcome) {
        return book(outcome, 0);
    }

    /** A booking request for the {@code slot}-th half hour of the day. */
    private Op book(Outcome outcome, int slot) {
        long n = ++ids;
        Op op = new Op(n, Kind.BOOK, "scheduling-1", "key-" + n, "lead-" + n + "@leads.example", start(slot).toString());
        op.complete(outcome, outcome == Outcome.OK ? 201 : outcome == Outcome.FAIL ? 409 : 0, null, null);
        history.add(op);
        return op;
    }

    private static Instant start(int slot) {
        return NINE.plusSeconds(1800L * slot);
    }

    private BookingRow row(Op op, int slot, boolean booked) {
        UUID id = op.resultId != null ? op.resultId : UUID.randomUUID();
        BookingRow row = new BookingRow(id, HOST, DAY, start(slot), start(slot), start(slot + 1), booked,
                op.leadEmail);
        bookings.add(row);
        keys.put(op.key, id);
        mails.put(op.leadEmail, 1);
        if (booked) {
            counters.merge(new HostDay(HOST, DAY), 1, Integer::sum);
        }
        return row;
    }

    private List<String> check() {
        return HistoryChecker.violations(history, new FinalState(bookings, counters, 2, keys, assignments, List.of(pool), Set.of(),
                List.of(new EventFlow("scheduling-service", "integration-service", Set.of("booked"), outbox, inbox)), mails, Map.of()));
    }

    @Test
    @DisplayName("A history whose every operation left what it said passes")
    void cleanHistoryPasses() {
        acknowledgedBooking(0);
        book(Outcome.FAIL);
        Op unknown = book(Outcome.UNKNOWN);
        unknown.resolved = true;
        unknown.resolvedId = null;
        assertEquals(List.of(), check());
    }

    @Test
    @DisplayName("SCH-03: three confirmed bookings of a host-day with a cap of two are a violation")
    void capExceeded() {
        acknowledgedBooking(0);
        acknowledgedBooking(1);
        acknowledgedBooking(2);
        assertTrue(check().stream().anyMatch(v -> v.startsWith("cap: 3 confirmed")), check()::toString);
    }

    @Test
    @DisplayName("SCH-08: two confirmed bookings of one host at one time are a violation")
    void overlap() {
        acknowledgedBooking(0);
        acknowledgedBooking(0);
        assertTrue(check().stream().anyMatch(v -> v.startsWith("overlap:")), check()::toString);
    }

    @Test
    @DisplayName("An acknowledged booking missing, or cancelled with no cancel request, is a violation")
    void acknowledgedBookingLost() {
        acknowledgedBooking(0);
        bookings.clear();
        counters.clear();
        assertTrue(check().stream().anyMatch(v -> v.startsWith("acknowledged booking missing")), check()::toString);
        Op op = book(Outcome.OK, 3);
        op.complete(Outcome.OK, 201, UUID.randomUUID(), null);
        row(op, 3, false);
        assertTrue(check().stream().anyMatch(v -> v.startsWith("booking cancelled without a cancel request")), check()::toString);
    }

    @Test
    @DisplayName("MTG-03: a booking where no reschedule put it, and an acknowledged reschedule not in effect, are violations; "
            + "one overtaken by a later move is not")
    void reschedules() {
        UUID id = acknowledgedBooking(0);
        Op moved = reschedule(id, 2, Outcome.OK);
        assertTrue(check().stream().anyMatch(v -> v.startsWith("acknowledged reschedule not in effect")), check()::toString);
        BookingRow row = bookings.remove(0);
        bookings.add(new BookingRow(row.id(), row.host(), row.day(), start(2), start(2), start(3), true, row.leadEmail()));
        assertEquals(List.of(), check(), "moved where the acknowledged reschedule asked");
        bookings.set(0, new BookingRow(row.id(), row.host(), row.day(), start(4), start(4), start(5), true, row.leadEmail()));
        assertTrue(check().stream().anyMatch(v -> v.startsWith("a booking starts where neither")), check()::toString);
        reschedule(id, 4, Outcome.UNKNOWN); // a later move whose outcome is unknown explains the row, and may have overtaken
        assertEquals(List.of(), check(), moved::toString);
    }

    private Op reschedule(UUID booking, int slot, Outcome outcome) {
        Op op = new Op(++ids, Kind.RESCHEDULE, "scheduling-2", null, null, booking + " " + start(slot));
        op.complete(outcome, outcome == Outcome.OK ? 200 : outcome == Outcome.FAIL ? 409 : 0, outcome == Outcome.OK ? booking : null, null);
        history.add(op);
        return op;
    }

    @Test
    @DisplayName("A failed booking that left a row, and an unknown whose retry disagrees with the rows, are violations")
    void failedAndUnknown() {
        row(book(Outcome.FAIL), 0, true);
        Op unknown = book(Outcome.UNKNOWN, 1);
        unknown.resolved = true;
        row(unknown, 1, true);
        List<String> v = check();
        assertTrue(v.stream().anyMatch(s -> s.startsWith("a failed booking created a row")), v::toString);
        assertTrue(v.stream().anyMatch(s -> s.startsWith("unknown resolved to nothing but 1 rows")), v::toString);
    }

    @Test
    @DisplayName("LIC-03: more seats assigned than purchased, or an assignment nobody acknowledged, are violations")
    void seats() {
        pool = new PoolRow("REGULAR", 1, 2);
        assignments.add(new AssignmentRow(UUID.randomUUID(), UUID.randomUUID(), "REGULAR"));
        assignments.add(new AssignmentRow(UUID.randomUUID(), UUID.randomUUID(), "REGULAR"));
        List<String> v = check();
        assertTrue(v.stream().anyMatch(s -> s.startsWith("seats: 2 assigned of 1 purchased")), v::toString);
        assertTrue(v.stream().anyMatch(s -> s.startsWith("an assignment no acknowledged")), v::toString);
    }

    @Test
    @DisplayName("EVT-02: an outbox event unsent or never applied by its consumer, and a lead mailed twice, are violations")
    void events() {
        UUID lead = acknowledgedBooking(0);
        UUID applied = UUID.randomUUID();
        UUID neverApplied = UUID.randomUUID();
        outbox = List.of(new OutboxRow(applied, "booked", true), new OutboxRow(neverApplied, "booked", true),
                new OutboxRow(UUID.randomUUID(), "booked", false));
        inbox = Set.of(applied);
        mails.replaceAll((k, n) -> 2);
        List<String> v = check();
        assertTrue(v.stream().anyMatch(s -> s.startsWith("integration-service never applied booked " + neverApplied)), v::toString);
        assertTrue(v.stream().anyMatch(s -> s.contains("never sent")), v::toString);
        assertTrue(v.stream().anyMatch(s -> s.contains("2 times")), v + " " + lead);
    }
}
