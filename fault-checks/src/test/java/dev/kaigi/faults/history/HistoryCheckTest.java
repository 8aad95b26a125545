package dev.kaigi.faults.history;

import dev.kaigi.faults.stack.Stack;
import dev.kaigi.faults.stack.Tenant;
import dev.kaigi.faults.stack.TopicDump;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Jepsen-style history check: clients book and cancel on two hot host-days and assign
 * and unassign seats of a small pool, through two instances each of scheduling-service and
 * licensing-service, while the broker is killed and restarted, the services' database connections are
 * terminated and service instances are killed with SIGKILL. {@link HistoryChecker} then judges the
 * recorded history against the databases.
 */
class HistoryCheckTest {

    private static final int HOSTS = 3;
    private static final int CAP = 2;
    private static final int SEAT_USERS = 8;
    private static final int PURCHASED = 4;
    private static final Duration MIN_RUN = Duration.ofSeconds(45);

    @Test
    @DisplayName("SCH-03, SCH-08, LIC-03, EVT-02: under broker restarts, killed DB connections and kill -9, "
            + "caps, overlaps, acknowledged and failed operations, unknowns, seats and events all check out")
    void historyUnderFaults() throws Exception {
        Stack stack = Stack.get();
        Tenant tenant = new Tenant(stack);
        List<UUID> hosts = tenant.join(HOSTS);
        List<UUID> others = tenant.join(SEAT_USERS - HOSTS);
        List<UUID> seatUsers = Stream.concat(hosts.stream(), others.stream()).toList();
        tenant.hosts(hosts, "09:00", "12:00", CAP);
        UUID meetingType = tenant.meetingType("Demo", hosts);
        tenant.seats(seatUsers, PURCHASED);
        Set<UUID> assignmentsBefore = StateReader.assignmentIds(tenant.orgId);
        // six half-hour slots on each of two days, three hosts with a cap of two: the caps bind before the slots do
        List<Instant> slots = new ArrayList<>();
        LocalDate first = LocalDate.now(ZoneId.of(Tenant.ZONE)).plusDays(7).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        for (LocalDate day : List.of(first, first.plusDays(1))) {
            for (int slot = 0; slot < 6; slot++) {
                slots.add(day.atTime(LocalTime.of(9, 0).plusMinutes(30L * slot)).atZone(ZoneId.of(Tenant.ZONE)).toInstant());
            }
        }

        Workload load = new Workload(tenant.orgId, meetingType, slots, seatUsers, stack.scheduling, stack.licensing);
        Faults faults = new Faults(stack);
        long started = System.nanoTime();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(7);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(clients.submit(() -> load.bookingClient(running::get)));
        }
        for (int i = 0; i < 3; i++) {
            workers.add(clients.submit(() -> load.seatClient(running::get)));
        }
        try {
            // the faults, one after another, while the clients run (a restart takes as long as it takes on the machine)
            at(started, 5, faults::terminateDatabaseConnections);
            at(started, 9, faults::restartKafka);
            at(started, 18, () -> faults.killAndRestart(stack.scheduling.get(1)));
            at(started, 22, faults::terminateDatabaseConnections);
            at(started, 34, () -> faults.killAndRestart(stack.licensing.get(0)));
            at(started, 38, faults::terminateDatabaseConnections);
            // then a few seconds without faults: the services must work normally again
            at(started, (int) MIN_RUN.toSeconds(), () -> TimeUnit.SECONDS.sleep(5));
        } finally {
            running.set(false);
        }
        for (Future<?> f : workers) {
            f.get(2, TimeUnit.MINUTES);
        }
        clients.shutdown();

        load.resolveUnknowns();
        // everything committed reaches its consumers: no unsent outbox rows, then the consumers caught up
        // (the checker names whatever is still missing after the wait)
        List<String> failedLeads = load.history.stream().filter(o -> o.kind == Op.Kind.BOOK && o.outcome == Op.Outcome.FAIL)
                .map(o -> o.leadEmail).toList();
        awaitQuietly(Duration.ofSeconds(90), () -> StateReader.unsent() == 0 && StateReader.read(tenant.orgId, CAP, assignmentsBefore,
                stack.mail, failedLeads).eventFlows().stream().allMatch(f -> f.outbox().stream().filter(r -> f.handledTypes().contains(r.type()))
                .allMatch(r -> f.inbox().contains(r.eventId()))));
        Thread.sleep(2000); // a late duplicate (a redelivery applied twice) would show up now

        FinalState state = StateReader.read(tenant.orgId, CAP, assignmentsBefore, stack.mail, failedLeads);
        List<Op> history;
        synchronized (load.history) {
            history = List.copyOf(load.history);
        }
        List<String> violations = HistoryChecker.violations(history, state);
        Map<String, Long> summary = HistoryChecker.summary(history);
        report(history, faults.log, summary, state, violations);
        if (!violations.isEmpty()) {
            TopicDump.write(stack.kafka.bootstrapServers(), "kaigi.scheduling.v1", Path.of("target", "fault-checks", "kaigi.scheduling.v1.txt"));
            TopicDump.write(stack.kafka.bootstrapServers(), "kaigi.licensing.v1", Path.of("target", "fault-checks", "kaigi.licensing.v1.txt"));
        }

        assertEquals(List.of(), violations);
        assertEquals(6, faults.log.size(), "every fault was injected: " + faults.log);
        // the history is worth checking only if it saw acknowledgements, refusals and the caps binding
        assertTrue(summary.getOrDefault("BOOK OK", 0L) >= 10 && summary.getOrDefault("BOOK FAIL", 0L) >= 10, summary::toString);
        assertTrue(summary.getOrDefault("ASSIGN OK", 0L) >= 10 && summary.getOrDefault("UNASSIGN OK", 0L) >= 5, summary::toString);
    }

    private static void awaitQuietly(Duration timeout, java.util.concurrent.Callable<Boolean> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !done.call()) {
            Thread.sleep(250);
        }
    }

    private interface Fault {
        void run() throws Exception;
    }

    /** Runs {@code fault} {@code second} seconds into the run (or at once, if an earlier fault took longer). */
    private static void at(long startedNanos, int second, Fault fault) throws Exception {
        long wait = startedNanos + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        fault.run();
    }

    private static void report(List<Op> history, List<String> faults, Map<String, Long> summary, FinalState state,
                               List<String> violations) throws Exception {
        long confirmed = state.bookings().stream().filter(FinalState.BookingRow::booked).count();
        String text = "operations: " + history.size() + " " + summary + "\nfaults:\n  " + String.join("\n  ", faults)
                + "\nfinal: " + confirmed + " confirmed and " + (state.bookings().size() - confirmed) + " cancelled bookings, "
                + state.assignments().size() + " seat assignments, pools " + state.pools()
                + "\nevents: " + state.eventFlows().stream().map(f -> f.producer() + " -> " + f.consumer() + ": " + f.outbox().size()
                + " outbox rows, " + f.inbox().size() + " applied").collect(Collectors.joining("; "))
                + "\nviolations: " + violations.size() + "\n  " + String.join("\n  ", violations) + "\n";
        System.out.println("history check: " + text);
        Path dir = Files.createDirectories(Path.of("target", "fault-checks"));
        Files.writeString(dir.resolve("history-summary.txt"), text);
        Files.write(dir.resolve("history.txt"), history.stream().map(Op::toString).toList());
    }
}
