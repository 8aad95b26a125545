package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.meetingtype.PoolShare;
import dev.kaigi.scheduling.security.RevokedHosts;
import org.postgresql.util.PSQLException;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code book.sql} and {@code move.sql} share: the plan's guard and candidates as parameters,
 * and what a refusal by the database means. Both statements choose among the candidates in the
 * fair order and write under the same counter and exclusion constraint, so a booking and a move
 * race on equal terms.
 */
final class PlanSql {

    /**
     * AVL-05: the fair choice weighs a host's meetings of the pool on the days up to the meeting's own
     * (the host's local days, as the daily cap counts them): this many days, the meeting's included.
     */
    static final int FAIR_WINDOW_DAYS = 28;

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
     * The candidates as arrays in pool order (host, the local day a meeting starting at
     * {@code start} counts on, that day's cap, zone, and the host's weight and priority in the pool,
     * AVL-05), and the blocked time they must have free.
     */
    static void bindCandidates(NamedStatement st, Instant start, List<HostFacts> candidates, Function<UUID, PoolShare> shares,
                               Instant blockedFrom, Instant blockedTo) throws SQLException {
        StringBuilder ids = new StringBuilder("{");
        StringBuilder days = new StringBuilder("{");
        StringBuilder caps = new StringBuilder("{");
        StringBuilder zones = new StringBuilder("{");
        StringBuilder weights = new StringBuilder("{");
        StringBuilder priorities = new StringBuilder("{");
        for (HostFacts h : candidates) {
            String sep = ids.length() == 1 ? "" : ",";
            Integer cap = h.dayAt(start).rules().dailyCap();
            PoolShare share = shares.apply(h.userId());
            ids.append(sep).append(h.userId());
            days.append(sep).append(h.dayOf(start));
            caps.append(sep).append(cap == null ? Integer.MAX_VALUE : cap); // no cap: unlimited
            zones.append(sep).append('"').append(h.zone().getId()).append('"'); // IANA ids: letters, digits, "/_+-"
            weights.append(sep).append(share.weight());
            priorities.append(sep).append(share.priority());
        }
        st.setString("host_ids", ids.append('}').toString());
        st.setString("host_days", days.append('}').toString());
        st.setString("host_caps", caps.append('}').toString());
        st.setString("host_zones", zones.append('}').toString());
        st.setString("host_weights", weights.append('}').toString());
        st.setString("host_priorities", priorities.append('}').toString());
        st.setInt("fair_window_days", FAIR_WINDOW_DAYS);
        // a meeting that ends after this one's blocked time starts, started at most MAX_BLOCKED before it
        st.setInstant("earliest_blocked_from", blockedFrom.minus(HostFactsLoader.MAX_BLOCKED));
        st.setInstant("blocked_from", blockedFrom);
        st.setInstant("blocked_to", blockedTo);
    }

    /**
     * AVL-06: who could not take the meeting, as far as the plan knows ({@code passedOver}, in its
     * order), and the reasons the statement itself finds: a candidate over its cap, and one ranked
     * before the chosen host whose time is taken.
     */
    static void bindPassedOver(NamedStatement st, Map<UUID, Reason> passedOver) throws SQLException {
        StringBuilder ids = new StringBuilder("{");
        StringBuilder reasons = new StringBuilder("{");
        for (Map.Entry<UUID, Reason> e : passedOver.entrySet()) {
            String sep = ids.length() == 1 ? "" : ",";
            ids.append(sep).append(e.getKey());
            reasons.append(sep).append(e.getValue().code()); // codes: lower-case letters and "-"
        }
        st.setString("passed_over_ids", ids.append('}').toString());
        st.setString("passed_over_reasons", reasons.append('}').toString());
        st.setString("cap_reason", Reason.DAILY_CAP_REACHED.code());
        st.setString("overlap_reason", Reason.OVERLAPPING_MEETING.code());
    }

    /**
     * AVL-06: the hosts of {@code pool} a plan did not offer, in pool order, each with the reason it
     * knows (a host the facts did not know at all is no host: inactive, as a 409 names it).
     */
    static Map<UUID, Reason> notOffered(List<UUID> pool, List<HostFacts> candidates, Map<UUID, Reason> refused) {
        Set<UUID> offered = new HashSet<>();
        candidates.forEach(h -> offered.add(h.userId()));
        Map<UUID, Reason> passedOver = new LinkedHashMap<>();
        for (UUID host : pool) {
            if (!offered.contains(host)) {
                passedOver.put(host, refused.getOrDefault(host, Reason.INACTIVE));
            }
        }
        return passedOver;
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
