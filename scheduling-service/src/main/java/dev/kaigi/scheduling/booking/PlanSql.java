package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.security.RevokedHosts;
import org.postgresql.util.PSQLException;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What {@code book.sql} and {@code move.sql} share: the plan's guard and candidates as parameters,
 * and what a refusal by the database means. Both statements choose among the candidates in the
 * fair order and write under the same counter and exclusion constraint, so a booking and a move
 * race on equal terms.
 */
final class PlanSql {

    private static final String GONE = RevokedHosts.GONE.stream().map(Enum::name).collect(Collectors.joining(",", "{", "}"));
    private static final String KEY_IN_USE = "idempotency_key_pkey";

    private PlanSql() {
    }

    /** The chosen host could not take the meeting after all: a concurrent booking or move took its day or its time. */
    static final class LostRace extends RuntimeException {
        final transient Reason reason;

        LostRace(Reason reason) {
            super(reason.code(), null, false, false);
            this.reason = reason;
        }
    }

    /** The Idempotency-Key is in use: by an earlier request, a concurrent twin, or one past its retention. */
    static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super("idempotency-key", null, false, false);
        }
    }

    /**
     * The organization's facts version the candidates were judged under, and the caller LIF-01
     * checks (none on a public page, a manage link or for Kaigi itself).
     */
    static void bindGuard(NamedStatement st, UUID orgId, long factsVersion, UUID callerUserId, UUID callerOrgId) throws SQLException {
        st.set("org_id", orgId);
        st.setLong("facts_version", factsVersion);
        st.set("caller_user_id", callerUserId);
        st.set("caller_org_id", callerOrgId);
        st.setString("gone_statuses", GONE);
    }

    /**
     * The candidates as four arrays in pool order (host, the local day a meeting starting at
     * {@code start} counts on, that day's cap, zone), and the blocked time they must have free.
     */
    static void bindCandidates(NamedStatement st, Instant start, List<HostFacts> candidates, Instant blockedFrom,
                               Instant blockedTo) throws SQLException {
        StringBuilder ids = new StringBuilder("{");
        StringBuilder days = new StringBuilder("{");
        StringBuilder caps = new StringBuilder("{");
        StringBuilder zones = new StringBuilder("{");
        for (HostFacts h : candidates) {
            String sep = ids.length() == 1 ? "" : ",";
            Integer cap = h.dayAt(start).rules().dailyCap();
            ids.append(sep).append(h.userId());
            days.append(sep).append(h.dayOf(start));
            caps.append(sep).append(cap == null ? Integer.MAX_VALUE : cap); // no cap: unlimited
            zones.append(sep).append('"').append(h.zone().getId()).append('"'); // IANA ids: letters, digits, "/_+-"
        }
        st.setString("host_ids", ids.append('}').toString());
        st.setString("host_days", days.append('}').toString());
        st.setString("host_caps", caps.append('}').toString());
        st.setString("host_zones", zones.append('}').toString());
        // a meeting that ends after this one's blocked time starts, started at most MAX_BLOCKED before it
        st.setInstant("earliest_blocked_from", blockedFrom.minus(HostFactsLoader.MAX_BLOCKED));
        st.setInstant("blocked_from", blockedFrom);
        st.setInstant("blocked_to", blockedTo);
    }

    /** What a failed statement means: a race lost to another booking or move, a key in use, or a fault. */
    static RuntimeException refusal(SQLException e, String what) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23P01".equals(sql.getSQLState())) {
                return new LostRace(Reason.OVERLAPPING_MEETING); // booking_no_overlap: another meeting took the time meanwhile
            }
            if (t instanceof SQLException sql && "40P01".equals(sql.getSQLState())) {
                // PostgreSQL broke a deadlock between writes of this host by aborting this one:
                // the other won the time, so this candidate is lost like any race
                return new LostRace(Reason.OVERLAPPING_MEETING);
            }
            if (t instanceof PSQLException pg && "23505".equals(pg.getSQLState()) && pg.getServerErrorMessage() != null
                    && KEY_IN_USE.equals(pg.getServerErrorMessage().getConstraint())) {
                return new KeyTaken();
            }
        }
        return new IllegalStateException(what, e);
    }
}
