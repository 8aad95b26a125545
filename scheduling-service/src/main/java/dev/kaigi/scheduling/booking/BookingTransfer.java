package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.ReassignmentReason;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.host.HostStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * LIF-02: a deleted user's future meetings go to the transfer target, each announced with
 * {@code meeting-reassigned}. The target takes a meeting the way a booking would take it: a place
 * under that day's cap (in the target's zone) and no overlap with their other meetings. A meeting
 * the target cannot take is cancelled with {@code meeting-cancelled} (reason
 * {@code host-deleted-transfer-refused: <why>}), so the lead is told instead of being left with a
 * host who no longer exists; a meeting is never double-booked or over a cap (SCH-08). Working
 * hours are not asked: the organization chose the target. Deleted without transfer, the future
 * meetings are cancelled (reason {@code host-deleted}): nobody would come. Runs in the event's transaction.
 */
@ApplicationScoped
public class BookingTransfer {

    @Inject
    EntityManager em;
    @Inject
    BookingRepository bookings;
    @Inject
    BookingService service;
    @Inject
    HostFactsLoader facts;
    @Inject
    Outbox outbox;

    public void transferFuture(UUID orgId, UUID from, UUID to, Instant now) {
        List<Booking> future = bookings.find("orgId = ?1 and hostUserId = ?2 and status = ?3 and startsAt > ?4 order by startsAt",
                orgId, from, BookingStatus.BOOKED, now).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        if (future.isEmpty()) {
            return;
        }
        HostFacts target = to == null || to.equals(from) ? null : facts.load(orgId, List.of(to),
                future.get(0).startsAt, future.get(future.size() - 1).endsAt).stream().findFirst().orElse(null);
        boolean canHost = target != null && target.status() == HostStatus.ACTIVE && target.userType() == UserType.REGULAR
                && target.zone() != null;
        for (Booking b : future) {
            if (to == null) {
                service.cancelled(b, "host-deleted", MeetingActor.SYSTEM, now);
                continue;
            }
            String refused = canHost ? moveTo(b, target) : "target-cannot-host";
            if (refused != null) {
                service.cancelled(b, "host-deleted-transfer-refused: " + refused, MeetingActor.SYSTEM, now);
            }
        }
    }

    /**
     * The move itself, under a savepoint: should a meeting of the target slip in after the check
     * (one crossing midnight takes another day's counter), the exclusion constraint refuses the
     * move and only the savepoint is rolled back, not the event's transaction.
     */
    private boolean reassign(Booking b, HostFacts target, LocalDate date) {
        return em.unwrap(Session.class).doReturningWork(c -> {
            Savepoint savepoint = c.setSavepoint();
            try (PreparedStatement ps = c.prepareStatement(
                    "update booking set host_user_id = ?, host_day = ?, host_time_zone = ? where id = ?")) {
                ps.setObject(1, target.userId());
                ps.setObject(2, date);
                ps.setString(3, target.zone().getId());
                ps.setObject(4, b.id);
                ps.executeUpdate();
                c.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException e) {
                if ("23P01".equals(e.getSQLState())) {
                    c.rollback(savepoint);
                    return false;
                }
                throw e;
            }
        });
    }

    /** Moves {@code b} to {@code target}; null when done, else why the target cannot take it. */
    private String moveTo(Booking b, HostFacts target) {
        HostFacts.HostDay day = target.dayAt(b.startsAt);
        LocalDate date = day.date();
        Integer cap = day.rules() == null ? null : day.rules().dailyCap();
        if (!HostDayCounters.take(em, b.orgId, target.userId(), date, cap)) {
            return "daily-cap-reached";
        }
        // the counter row is locked now, so a booking of the target for that day cannot slip in before the move
        boolean overlaps = ((Number) em.createNativeQuery("""
                        select count(*) from booking where host_user_id = :to and status = 'BOOKED'
                        and tstzrange(blocked_from, blocked_to) && tstzrange(cast(:from as timestamptz), cast(:until as timestamptz))
                        """)
                .setParameter("to", target.userId()).setParameter("from", b.blockedFrom).setParameter("until", b.blockedTo)
                .getSingleResult()).longValue() > 0;
        if (overlaps) {
            HostDayCounters.release(em, target.userId(), date);
            return "overlapping-meeting";
        }
        if (!reassign(b, target, date)) {
            HostDayCounters.release(em, target.userId(), date);
            return "overlapping-meeting";
        }
        UUID previous = b.hostUserId;
        LocalDate previousDay = b.hostDay;
        b.hostUserId = target.userId();
        b.hostDay = date;
        b.hostTimeZone = target.zone().getId();
        HostDayCounters.release(em, previous, previousDay);
        b.sequence++;
        outbox.publish(BookingEvents.reassigned(b, previous, ReassignmentReason.HOST_DELETED, MeetingActor.SYSTEM));
        return null;
    }
}
