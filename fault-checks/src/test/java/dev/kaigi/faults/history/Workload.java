package dev.kaigi.faults.history;

import dev.kaigi.faults.history.Op.Kind;
import dev.kaigi.faults.history.Op.Outcome;
import dev.kaigi.faults.stack.ServiceProcess;
import dev.kaigi.testsupport.TestTokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The clients of the history run: threads that book, cancel and reschedule on a few hot host-days, and assign
 * and unassign seats of a small pool, through random instances, recording every operation.
 */
final class Workload {

    final List<Op> history = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Calls calls = new Calls();
    private final List<UUID> acknowledgedBookings = Collections.synchronizedList(new ArrayList<>());
    private final List<UUID> acknowledgedAssignments = Collections.synchronizedList(new ArrayList<>());

    private final UUID orgId;
    private final UUID meetingTypeId;
    private final List<Instant> slots;
    private final List<UUID> seatUsers;
    private final List<ServiceProcess> scheduling;
    private final List<ServiceProcess> licensing;

    Workload(UUID orgId, UUID meetingTypeId, List<Instant> slots, List<UUID> seatUsers, List<ServiceProcess> scheduling,
             List<ServiceProcess> licensing) {
        this.orgId = orgId;
        this.meetingTypeId = meetingTypeId;
        this.slots = slots;
        this.seatUsers = seatUsers;
        this.scheduling = scheduling;
        this.licensing = licensing;
    }

    /**
     * One scheduling client while {@code running}: 50 % bookings of a random hot slot, 30 % cancels
     * and 20 % reschedules (MTG-03) of an acknowledged booking to a random hot slot.
     */
    void bookingClient(BooleanSupplier running) {
        String token = TestTokens.user(orgId, UUID.randomUUID(), "manager");
        repeat(running, scheduling, (instance, random) -> {
            int dice = random.nextInt(10);
            UUID existing = dice < 5 ? pick(acknowledgedBookings) : null;
            if (existing != null && dice < 3) {
                record(calls.cancel(instance.baseUri(), token, op(Kind.CANCEL, instance, null, null, existing.toString())));
                return;
            }
            if (existing != null) {
                Instant to = slots.get(random.nextInt(slots.size()));
                record(calls.reschedule(instance.baseUri(), token, op(Kind.RESCHEDULE, instance, null, null, existing + " " + to)));
                return;
            }
            long n = ids.incrementAndGet();
            Instant start = slots.get(random.nextInt(slots.size()));
            Op op = new Op(n, Kind.BOOK, instance.name(), "hist-" + run + "-" + n, "lead-" + run + "-" + n + "@leads.example",
                    start.toString());
            if (record(calls.book(instance.baseUri(), token, op, meetingTypeId, start.toString())).outcome == Outcome.OK) {
                acknowledgedBookings.add(op.resultId);
            }
        });
    }

    /** One licensing client while {@code running}: 60 % assignments to a random user, 40 % unassigns of an acknowledged one. */
    void seatClient(BooleanSupplier running) {
        String token = TestTokens.user(orgId, UUID.randomUUID(), "owner");
        repeat(running, licensing, (instance, random) -> {
            UUID unassign = random.nextInt(10) < 4 ? pick(acknowledgedAssignments) : null;
            if (unassign != null) {
                Op op = op(Kind.UNASSIGN, instance, null, null, unassign.toString());
                if (record(calls.unassign(instance.baseUri(), token, op)).outcome == Outcome.OK) {
                    acknowledgedAssignments.remove(unassign);
                }
                return;
            }
            long n = ids.incrementAndGet();
            Op op = new Op(n, Kind.ASSIGN, instance.name(), "seat-" + run + "-" + n, null,
                    seatUsers.get(random.nextInt(seatUsers.size())).toString());
            if (record(calls.assign(instance.baseUri(), token, op)).outcome == Outcome.OK) {
                acknowledgedAssignments.add(op.resultId);
            }
        });
    }

    private interface Step {
        void run(ServiceProcess instance, ThreadLocalRandom random);
    }

    /** Runs {@code step} against a random instance, again and again, while {@code running}. */
    private static void repeat(BooleanSupplier running, List<ServiceProcess> instances, Step step) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.getAsBoolean()) {
            step.run(instances.get(random.nextInt(instances.size())), random);
            pause();
        }
    }

    /**
     * Sends every UNKNOWN booking and assignment again, same Idempotency-Key and body, until the answer is
     * definite: a replay or a new creation names the one row the key stands for; a refusal means none.
     */
    void resolveUnknowns() throws InterruptedException {
        List<Op> unknown;
        synchronized (history) {
            unknown = history.stream().filter(o -> o.outcome == Outcome.UNKNOWN && (o.kind == Kind.BOOK || o.kind == Kind.ASSIGN)).toList();
        }
        String manager = TestTokens.user(orgId, UUID.randomUUID(), "manager");
        String owner = TestTokens.user(orgId, UUID.randomUUID(), "owner");
        for (Op op : unknown) {
            for (int attempt = 0; attempt < 20 && !op.resolved; attempt++) {
                Op retry = new Op(op.id, op.kind, "resolve", op.key, op.leadEmail, op.target);
                if (op.kind == Kind.BOOK) {
                    calls.book(scheduling.get(attempt % 2).baseUri(), manager, retry, meetingTypeId, op.target);
                } else {
                    calls.assign(licensing.get(attempt % 2).baseUri(), owner, retry);
                }
                if (retry.outcome != Outcome.UNKNOWN && retry.status != 0) {
                    op.resolvedId = retry.outcome == Outcome.OK ? retry.resultId : null;
                    op.resolved = true;
                } else {
                    Thread.sleep(500);
                }
            }
        }
    }

    private Op op(Kind kind, ServiceProcess instance, String key, String lead, String target) {
        return new Op(ids.incrementAndGet(), kind, instance.name(), key, lead, target);
    }

    private Op record(Op op) {
        history.add(op);
        return op;
    }

    private static UUID pick(List<UUID> from) {
        synchronized (from) {
            return from.isEmpty() ? null : from.get(ThreadLocalRandom.current().nextInt(from.size()));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
