package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.outbox.autocommit.AutoCommitOutbox;
import dev.kaigi.chassis.outbox.autocommit.EventRow;
import dev.kaigi.chassis.sql.NamedSql;
import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.events.EventPayload;
import dev.kaigi.scheduling.booking.BookingWriter.KeyToStore;
import dev.kaigi.scheduling.booking.PlanSql.KeyTaken;
import dev.kaigi.scheduling.booking.PlanSql.LostRace;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.meetingtype.PoolShare;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The one place that moves a booking to another start or host (MTG-03, MTG-04, MTG-05):
 * {@code move.sql}, beside this class, locks the booking as it was read, chooses among the plan's
 * candidates as {@code book.sql} does, takes the new host-day's place, gives the old one back,
 * writes the booking and its event, in one statement. The counter and the exclusion constraint
 * hold against bookings and other moves alike: never both slots held, never neither.
 */
@ApplicationScoped
class BookingMover {

    private static final NamedSql MOVE = NamedSql.load(BookingMover.class, "move.sql");

    /**
     * A move of {@code booking}, as read with its sequence, to {@code slot}, for the first free of
     * {@code candidates} (judged under {@code factsVersion}; in pool order) in the fair order, each
     * with their weight and priority in the pool ({@code shares}, AVL-05), announced with
     * {@code event}: its host fields {@code hostField} and {@code hostTimeZone} are the chosen
     * host's, written by the statement. {@code callerUserId} is checked against LIF-01 (null for a
     * lead, a partner or Kaigi). {@code passedOver}: the pool's hosts the plan did not offer, with
     * why (AVL-06), which the booking keeps when it goes to another host; empty when nobody chose
     * among the pool (a host named by a MANAGER or a deletion).
     */
    record Move(Booking booking, Slot slot, List<HostFacts> candidates, long factsVersion, UUID callerUserId, UUID callerOrgId,
                EventPayload event, String hostField, Instant now, Function<UUID, PoolShare> shares, Map<UUID, Reason> passedOver) {
    }

    /** Where the meeting went: its host, the local day it counts on, the zone, and the answer kept (null without a key). */
    record Moved(UUID hostUserId, LocalDate day, String zone, String response) {
    }

    /** The booking was not as read: changed, cancelled or started since, or gone. */
    static final class NotAsRead extends RuntimeException {
        NotAsRead() {
            super("booking-changed", null, false, false);
        }
    }

    @Inject
    AgroalDataSource db;
    @Inject
    AutoCommitOutbox outbox;

    /**
     * The move in auto-commit: its own transaction.
     *
     * @param key      the Idempotency-Key to keep, or null
     * @param response the answer to keep with the key, its host {@link BookingWriter#HOST_PENDING_JSON}; null without a key
     * @return where it went; null when nothing was written because the facts changed since the plan,
     * the caller was revoked, or no candidate is free as of now
     * @throws NotAsRead when the booking changed since it was read
     * @throws LostRace  when a concurrent booking or move took the chosen host's day or time
     * @throws KeyTaken  when the key is in use
     */
    Moved move(Move m, KeyToStore key, String response) {
        EventRow event = outbox.row(m.event());
        Moved moved;
        try (Connection c = db.getConnection()) {
            moved = run(c, m, event, key, response);
        } catch (SQLException e) {
            throw PlanSql.refusal(e, "moving booking " + m.booking().id);
        }
        if (moved != null) {
            outbox.committed();
        }
        return moved;
    }

    /**
     * The move inside the caller's transaction (an event's), on its connection (the data source
     * hands out the one enlisted in the transaction), under a savepoint: a refusal by the database
     * undoes this move only.
     */
    Moved moveWithin(Move m) {
        EventRow event = outbox.row(m.event());
        try (Connection c = db.getConnection()) {
            Savepoint savepoint = c.setSavepoint();
            try {
                Moved moved = run(c, m, event, null, null);
                c.releaseSavepoint(savepoint);
                return moved;
            } catch (SQLException | RuntimeException e) {
                c.rollback(savepoint);
                throw e;
            }
        } catch (SQLException e) {
            throw PlanSql.refusal(e, "moving booking " + m.booking().id);
        }
    }

    private static Moved run(Connection c, Move m, EventRow event, KeyToStore key, String response) throws SQLException {
        Booking b = m.booking();
        try (NamedStatement st = MOVE.prepare(c)) {
            PlanSql.bindGuard(st, b.orgId, m.factsVersion(), m.callerUserId(), m.callerOrgId());
            PlanSql.bindCandidates(st, m.slot().start(), m.candidates(), m.shares(), m.slot().blockedFrom(), m.slot().blockedTo());
            PlanSql.bindPassedOver(st, m.passedOver());
            st.set("booking_id", b.id);
            st.setInt("sequence", b.sequence);
            st.setInstant("now", m.now());
            st.setInstant("starts_at", m.slot().start());
            st.setInstant("ends_at", m.slot().end());
            event.bind(st);
            st.setString("event_host_field", m.hostField());
            st.setString("idempotency_key", key == null ? null : key.key());
            st.setString("request_hash", key == null ? null : key.requestHash());
            st.setString("response", response);
            st.setString("host_placeholder", BookingWriter.HOST_PENDING_JSON);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getInt("guard_passed") == 0) {
                    return null; // stale facts or a revoked caller
                }
                if (rs.getInt("located") == 0) {
                    throw new NotAsRead();
                }
                UUID host = rs.getObject("user_id", UUID.class);
                if (host == null) {
                    return null; // nobody free as of now
                }
                if (rs.getInt("moved") == 0) {
                    throw new LostRace(Reason.DAILY_CAP_REACHED); // SCH-03: the new day filled since the snapshot
                }
                return new Moved(host, rs.getObject("day", LocalDate.class), rs.getString("zone"), rs.getString("response"));
            }
        }
    }
}
