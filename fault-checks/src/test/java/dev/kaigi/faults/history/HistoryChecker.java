package dev.kaigi.faults.history;

import dev.kaigi.faults.history.FinalState.AssignmentRow;
import dev.kaigi.faults.history.FinalState.BookingRow;
import dev.kaigi.faults.history.FinalState.EventFlow;
import dev.kaigi.faults.history.FinalState.HostDay;
import dev.kaigi.faults.history.FinalState.OutboxRow;
import dev.kaigi.faults.history.FinalState.PoolRow;
import dev.kaigi.faults.history.Op.Kind;
import dev.kaigi.faults.history.Op.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Judges a recorded history against the final state: pure Java, no I/O. Each
 * violation is one line naming the rule and the operation or row that broke it.
 */
public final class HistoryChecker {

    private HistoryChecker() {
    }

    public static List<String> violations(List<Op> history, FinalState state) {
        List<String> out = new ArrayList<>();
        checkCapsAndOverlaps(state, out);
        checkBookings(history, state, out);
        checkMoves(history, state, out);
        checkSeats(history, state, out);
        checkEvents(state, out);
        for (Op op : history) {
            if (op.status >= 500 && op.status != 503) {
                out.add("a " + op.status + " answer under faults (503 is the answer for an outage): " + op);
            }
            if (op.outcome == Outcome.UNKNOWN && (op.kind == Kind.BOOK || op.kind == Kind.ASSIGN) && !op.resolved) {
                out.add("unknown never resolved: " + op);
            }
        }
        return out;
    }

    /** SCH-03 and SCH-08: confirmed bookings per host-day within the cap, the counter equal to them, no two overlapping. */
    private static void checkCapsAndOverlaps(FinalState state, List<String> out) {
        Map<HostDay, List<BookingRow>> byHostDay = state.bookings().stream().filter(BookingRow::booked)
                .collect(Collectors.groupingBy(b -> new HostDay(b.host(), b.day())));
        byHostDay.forEach((hd, rows) -> {
            if (rows.size() > state.dailyCap()) {
                out.add("cap: " + rows.size() + " confirmed bookings for " + hd + ", cap " + state.dailyCap());
            }
        });
        Set<HostDay> all = new HashSet<>(byHostDay.keySet());
        all.addAll(state.hostDayCounters().keySet());
        for (HostDay hd : all) {
            int rows = byHostDay.getOrDefault(hd, List.of()).size();
            int counter = state.hostDayCounters().getOrDefault(hd, 0);
            if (rows != counter) {
                out.add("counter: host_day says " + counter + " for " + hd + ", " + rows + " confirmed bookings");
            }
        }
        Map<UUID, List<BookingRow>> byHost = state.bookings().stream().filter(BookingRow::booked)
                .collect(Collectors.groupingBy(BookingRow::host));
        byHost.forEach((host, rows) -> {
            List<BookingRow> sorted = rows.stream().sorted(Comparator.comparing(BookingRow::blockedFrom)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                if (sorted.get(i).blockedFrom().isBefore(sorted.get(i - 1).blockedTo())) {
                    out.add("overlap: " + sorted.get(i - 1).id() + " and " + sorted.get(i).id() + " of host " + host);
                }
            }
        });
    }

    private static void checkBookings(List<Op> history, FinalState state, List<String> out) {
        Map<String, List<BookingRow>> byLead = state.bookings().stream().collect(Collectors.groupingBy(BookingRow::leadEmail));
        Map<UUID, BookingRow> byId = state.bookings().stream().collect(Collectors.toMap(BookingRow::id, b -> b));
        Map<UUID, List<Op>> cancels = history.stream().filter(o -> o.kind == Kind.CANCEL)
                .collect(Collectors.groupingBy(o -> UUID.fromString(o.target)));
        Set<String> leadsOfOps = new HashSet<>();
        for (Op op : history) {
            if (op.kind != Kind.BOOK) {
                continue;
            }
            leadsOfOps.add(op.leadEmail);
            List<BookingRow> rows = byLead.getOrDefault(op.leadEmail, List.of());
            if (rows.size() > 1) {
                out.add("one request, " + rows.size() + " bookings: " + op);
            }
            UUID made = op.outcome == Outcome.OK ? op.resultId : op.outcome == Outcome.UNKNOWN ? op.resolvedId : null;
            if (op.outcome == Outcome.FAIL && !rows.isEmpty()) {
                out.add("a failed booking created a row: " + op);
            }
            if (op.outcome == Outcome.FAIL && state.bookingKeys().containsKey(op.key)) {
                out.add("a failed booking left its Idempotency-Key behind: " + op);
            }
            if (op.outcome == Outcome.UNKNOWN && op.resolved && rows.size() != (made == null ? 0 : 1)) {
                out.add("unknown resolved to " + (made == null ? "nothing" : made) + " but " + rows.size() + " rows: " + op);
            }
            if (made != null) {
                BookingRow row = byId.get(made);
                if (row == null) {
                    out.add("acknowledged booking missing: " + op);
                } else if (!row.leadEmail().equals(op.leadEmail)) {
                    out.add("acknowledged booking " + made + " is another request's (" + row.leadEmail() + "): " + op);
                } else if (!row.booked() && cancels.getOrDefault(made, List.of()).stream().noneMatch(Op::mayHaveApplied)) {
                    out.add("booking cancelled without a cancel request that may have applied: " + op);
                }
                if (!made.equals(state.bookingKeys().get(op.key))) {
                    out.add("Idempotency-Key " + op.key + " names " + state.bookingKeys().get(op.key) + ", the answer " + made);
                }
            }
        }
        for (BookingRow row : state.bookings()) {
            if (!leadsOfOps.contains(row.leadEmail())) {
                out.add("a booking no operation asked for: " + row);
            }
        }
        for (Op op : history) {
            if (op.kind == Kind.CANCEL && op.outcome == Outcome.OK) {
                BookingRow row = byId.get(UUID.fromString(op.target));
                if (row == null || row.booked()) {
                    out.add("acknowledged cancel not in effect: " + op + " -> " + row);
                }
            }
        }
    }

    /**
     * MTG-03: a booking starts where it was booked or where a reschedule that may have applied moved
     * it; an acknowledged reschedule is in effect unless another move or a cancel of the same
     * booking may have landed after it (one acknowledged after this one was sent, or one whose
     * outcome is unknown).
     */
    private static void checkMoves(List<Op> history, FinalState state, List<String> out) {
        Map<UUID, List<Op>> moves = history.stream().filter(o -> o.kind == Kind.RESCHEDULE).collect(Collectors.groupingBy(Op::booking));
        Map<UUID, Op> bookedBy = new HashMap<>();
        for (Op op : history) {
            UUID made = op.kind != Kind.BOOK ? null : op.outcome == Outcome.OK ? op.resultId : op.resolved ? op.resolvedId : null;
            if (made != null) {
                bookedBy.put(made, op);
            }
        }
        Map<UUID, BookingRow> byId = state.bookings().stream().collect(Collectors.toMap(BookingRow::id, b -> b));
        for (BookingRow row : state.bookings()) {
            Op booking = bookedBy.get(row.id());
            boolean explained = booking == null || row.start().equals(booking.start())
                    || moves.getOrDefault(row.id(), List.of()).stream().anyMatch(m -> m.mayHaveApplied() && m.start().equals(row.start()));
            if (!explained) {
                out.add("a booking starts where neither its booking nor a reschedule put it: " + row);
            }
        }
        for (Op op : history) {
            if (op.kind != Kind.RESCHEDULE || op.outcome != Outcome.OK) {
                continue;
            }
            BookingRow row = byId.get(op.booking());
            boolean overtaken = history.stream().anyMatch(o -> o != op && (o.kind == Kind.RESCHEDULE || o.kind == Kind.CANCEL)
                    && o.target.startsWith(op.booking().toString())
                    && (o.outcome == Outcome.UNKNOWN || o.outcome == Outcome.OK && o.completedNanos > op.invokedNanos));
            if (row == null || !overtaken && (!row.booked() || !row.start().equals(op.start()))) {
                out.add("acknowledged reschedule not in effect: " + op + " -> " + row);
            }
        }
    }

    /** LIC-03: seats assigned within purchased, the counter equal to the rows, one seat per user; acknowledged ones there. */
    private static void checkSeats(List<Op> history, FinalState state, List<String> out) {
        for (PoolRow pool : state.pools()) {
            long rows = state.assignments().stream().filter(a -> a.pool().equals(pool.pool())).count();
            if (pool.assigned() > pool.purchased()) {
                out.add("seats: " + pool.assigned() + " assigned of " + pool.purchased() + " purchased in " + pool.pool());
            }
            if (rows != pool.assigned()) {
                out.add("seats: pool " + pool.pool() + " counts " + pool.assigned() + ", " + rows + " assignments");
            }
        }
        Map<UUID, Long> perUser = state.assignments().stream().collect(Collectors.groupingBy(AssignmentRow::user, Collectors.counting()));
        perUser.forEach((user, n) -> {
            if (n > 1) {
                out.add("seats: user " + user + " holds " + n + " seats");
            }
        });
        Map<UUID, AssignmentRow> byId = state.assignments().stream().collect(Collectors.toMap(AssignmentRow::id, a -> a));
        Map<UUID, List<Op>> unassigns = history.stream().filter(o -> o.kind == Kind.UNASSIGN)
                .collect(Collectors.groupingBy(o -> UUID.fromString(o.target)));
        Set<UUID> madeByOps = new HashSet<>();
        for (Op op : history) {
            if (op.kind != Kind.ASSIGN) {
                continue;
            }
            UUID made = op.outcome == Outcome.OK ? op.resultId : op.outcome == Outcome.UNKNOWN ? op.resolvedId : null;
            if (made == null) {
                continue;
            }
            madeByOps.add(made);
            AssignmentRow row = byId.get(made);
            if (row == null && unassigns.getOrDefault(made, List.of()).stream().noneMatch(Op::mayHaveApplied)) {
                out.add("acknowledged assignment missing without an unassign that may have applied: " + op);
            } else if (row != null && !row.user().toString().equals(op.target)) {
                out.add("acknowledged assignment " + made + " holds another user: " + op);
            }
        }
        for (AssignmentRow row : state.assignments()) {
            if (!madeByOps.contains(row.id()) && !state.assignmentsBefore().contains(row.id())) {
                out.add("an assignment no acknowledged or resolved operation made (a failed one did?): " + row);
            }
        }
        for (Op op : history) {
            if (op.kind == Kind.UNASSIGN && op.outcome == Outcome.OK && byId.containsKey(UUID.fromString(op.target))) {
                out.add("acknowledged unassign not in effect: " + op);
            }
        }
    }

    /** EVT-02: every outbox row sent, and applied exactly once by each consumer of its type (the inbox has it). */
    private static void checkEvents(FinalState state, List<String> out) {
        for (EventFlow flow : state.eventFlows()) {
            Set<UUID> seen = new HashSet<>();
            for (OutboxRow row : flow.outbox()) {
                if (!seen.add(row.eventId())) {
                    out.add(flow.producer() + ": event " + row.eventId() + " twice in the outbox");
                }
                if (!row.sent()) {
                    out.add(flow.producer() + ": event " + row.eventId() + " (" + row.type() + ") never sent");
                } else if (flow.handledTypes().contains(row.type()) && !flow.inbox().contains(row.eventId())) {
                    out.add(flow.consumer() + " never applied " + row.type() + " " + row.eventId() + " of " + flow.producer());
                }
            }
            Set<UUID> handledIds = flow.outbox().stream().filter(r -> flow.handledTypes().contains(r.type()))
                    .map(OutboxRow::eventId).collect(Collectors.toSet());
            List<UUID> strangers = flow.inbox().stream().filter(id -> !handledIds.contains(id)).sorted().toList();
            if (!strangers.isEmpty()) {
                out.add(flow.consumer() + " applied " + strangers.size() + " events " + flow.producer() + "'s outbox never committed, e.g. "
                        + strangers.subList(0, Math.min(3, strangers.size())));
            }
        }
        Set<String> booked = state.bookings().stream().map(BookingRow::leadEmail).collect(Collectors.toSet());
        state.mailsToLeads().forEach((lead, n) -> {
            // MTG-06: a mail per event about the lead's meeting that integration-service applied; an event older than
            // one already applied (a move to another host is on another partition) is skipped, so at most one each
            int events = Math.max(1, state.eventsAboutLeads().getOrDefault(lead, 0));
            if (!booked.contains(lead) && n != 0) {
                out.add("integration-service mailed lead " + lead + " " + n + " times, expected 0: the booking failed");
            } else if (booked.contains(lead) && (n < 1 || n > events)) {
                out.add("integration-service mailed lead " + lead + " " + n + " times, for " + events + " events about the meeting");
            }
        });
    }

    /** Counts per kind and outcome, e.g. {@code BOOK OK=120}, for the report. */
    public static Map<String, Long> summary(List<Op> history) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Op op : history) {
            counts.merge(op.kind + " " + op.outcome, 1L, Long::sum);
            if (op.resolved) {
                counts.merge(op.kind + " UNKNOWN resolved to " + (op.resolvedId == null ? "0 rows" : "1 row"), 1L, Long::sum);
            }
        }
        return counts;
    }
}
