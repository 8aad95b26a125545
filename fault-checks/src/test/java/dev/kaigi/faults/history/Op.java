package dev.kaigi.faults.history;

import java.time.Instant;
import java.util.UUID;

/**
 * One client operation of the history: what was asked (kind, target, Idempotency-Key), of which
 * instance, and how it ended. {@code resultId} is the booking or assignment the answer named.
 */
public final class Op {

    public enum Kind { BOOK, CANCEL, RESCHEDULE, ASSIGN, UNASSIGN }

    /** OK: the service acknowledged; FAIL: it certainly did nothing (refused, or never reached); UNKNOWN: either. */
    public enum Outcome { OK, FAIL, UNKNOWN }

    public final long id;
    public final Kind kind;
    public final String instance;
    /** BOOK and ASSIGN: the Idempotency-Key; else null. */
    public final String key;
    /** BOOK: the lead's email, unique per operation, which finds the row it made. */
    public final String leadEmail;
    /**
     * BOOK: the slot's start (ISO); ASSIGN: the user; CANCEL/UNASSIGN: the booking or assignment;
     * RESCHEDULE: the booking, a space, and the new start (ISO).
     */
    public final String target;
    public final long invokedNanos;
    public volatile long completedNanos;
    public volatile Outcome outcome;
    public volatile int status;
    public volatile UUID resultId;
    public volatile String detail;
    /** An UNKNOWN resolved afterwards by sending the same request again: what it made (null: nothing). */
    public volatile boolean resolved;
    public volatile UUID resolvedId;

    public Op(long id, Kind kind, String instance, String key, String leadEmail, String target) {
        this.id = id;
        this.kind = kind;
        this.instance = instance;
        this.key = key;
        this.leadEmail = leadEmail;
        this.target = target;
        this.invokedNanos = System.nanoTime();
    }

    public Op complete(Outcome outcome, int status, UUID resultId, String detail) {
        this.outcome = outcome;
        this.status = status;
        this.resultId = resultId;
        this.detail = detail;
        this.completedNanos = System.nanoTime();
        return this;
    }

    /** RESCHEDULE: the booking moved. */
    public UUID booking() {
        return UUID.fromString(target.split(" ")[0]);
    }

    /** BOOK: the slot; RESCHEDULE: the new start. */
    public Instant start() {
        return Instant.parse(kind == Kind.RESCHEDULE ? target.split(" ")[1] : target);
    }

    /** OK, or UNKNOWN: the operation may have taken effect. */
    public boolean mayHaveApplied() {
        return outcome != Outcome.FAIL;
    }

    @Override
    public String toString() {
        return "op " + id + " " + kind + " " + target + " via " + instance + (key == null ? "" : " key " + key) + " -> " + outcome
                + (status == 0 ? "" : " " + status) + (resultId == null ? "" : " " + resultId)
                + (resolved ? " (resolved by retry: " + (resolvedId == null ? "nothing" : resolvedId) + ")" : "") + (detail == null ? "" : " [" + detail + "]");
    }
}
