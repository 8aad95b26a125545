package dev.kaigi.scheduling.booking;

import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.ReassignmentReason;
import dev.kaigi.scheduling.booking.BookingMover.Move;
import dev.kaigi.scheduling.booking.BookingMover.NotAsRead;
import dev.kaigi.scheduling.booking.PlanSql.LostRace;
import dev.kaigi.scheduling.eligibility.EligibilityPolicies;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.eligibility.HostFactsLoader.Checked;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.meetingtype.BookableTypes;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.PoolShare;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * MTG-05: a host who can no longer host (deactivated, removed, deleted) loses their future
 * meetings. Each goes, in start order, to the transferee a deletion named when they are eligible
 * for it (LIF-02), else to an eligible host of its meeting type's pool by the fair choice, each
 * announced with {@code meeting-reassigned} (actor {@code SYSTEM}); one no host can take is
 * cancelled with reason {@code host-unavailable}, so the lead is told and can book again. Runs in
 * the user event's transaction, after the host's new status is written (so the facts no longer
 * offer them); each move is {@link BookingMover}'s statement under a savepoint, so the counters and
 * the exclusion constraint hold against bookings made meanwhile.
 */
@ApplicationScoped
public class HostDeparture {

    /** Host-unavailable: the reason a meeting nobody could take over is cancelled with. */
    public static final String HOST_UNAVAILABLE = "host-unavailable";
    /** How often one meeting is offered again after a concurrent booking took the chosen host's time. */
    private static final int TRIES = 3;

    @Inject
    EntityManager em;
    @Inject
    BookingRepository bookings;
    @Inject
    BookingService service;
    @Inject
    BookingMover mover;
    @Inject
    BookableTypes types;
    @Inject
    HostFactsLoader facts;

    /**
     * Hands over or cancels every future meeting of {@code host}.
     *
     * @param transferTo the user a deletion transfers open records to (LIF-02), or null
     */
    public void hostLeft(UUID orgId, UUID host, UUID transferTo, ReassignmentReason reason, Instant now) {
        List<Booking> future = bookings.find("orgId = ?1 and hostUserId = ?2 and status = ?3 and startsAt > ?4 order by startsAt",
                orgId, host, BookingStatus.BOOKED, now).list();
        if (future.isEmpty()) {
            return;
        }
        em.flush(); // the host's new status, which the facts read below must see
        for (Booking b : future) {
            if (transferTo == null || transferTo.equals(host) || !handOver(b, List.of(transferTo), null, reason, now)) {
                toPoolOrCancelled(b, host, reason, now);
            }
        }
    }

    /** The meeting to an eligible host of its pool by the fair choice (true), else cancelled {@code host-unavailable}. */
    private boolean toPoolOrCancelled(Booking b, UUID host, ReassignmentReason reason, Instant now) {
        Optional<BookableType> type = types.inOrganization(b.orgId, b.meetingTypeId);
        if (handOver(b, poolWithout(type, host), type.orElse(null), reason, now)) {
            return true;
        }
        service.cancelled(b, HOST_UNAVAILABLE, MeetingActor.SYSTEM, now);
        return false;
    }

    /** What became of a meeting its host could no longer keep. */
    public enum Outcome { REASSIGNED, CANCELLED, ALREADY_CHANGED }

    /**
     * MTG-05 for one meeting of {@code host}, who can no longer take it (the facts already say so,
     * e.g. time off, AVL-02): it goes to an eligible host of its pool by the fair choice, or is
     * cancelled with reason {@code host-unavailable}. Runs in the caller's transaction.
     */
    public Outcome handOverOrCancel(Booking b, UUID host, ReassignmentReason reason, Instant now) {
        em.flush();
        Booking current = bookings.findById(b.id);
        if (current == null || current.status != BookingStatus.BOOKED || !host.equals(current.hostUserId)) {
            return Outcome.ALREADY_CHANGED;
        }
        if (!toPoolOrCancelled(current, host, reason, now)) {
            return Outcome.CANCELLED;
        }
        em.refresh(current); // moved by move.sql, beside this persistence context
        return current.status == BookingStatus.BOOKED && !host.equals(current.hostUserId) ? Outcome.REASSIGNED
                : Outcome.ALREADY_CHANGED;
    }

    /**
     * One future meeting of a host who may leave, with why {@code heir} could not take it over; an empty
     * reason means they could (LIF-05's preview).
     */
    public record PlannedHandOver(Booking booking, Optional<String> notToHeirBecause) {
    }

    /**
     * What {@link #hostLeft} would do with the host's future meetings if {@code heir} were named now:
     * each meeting, in start order, with the first eligibility reason that keeps the heir from it
     * ({@code no-heir} when there is none, {@code heir-not-host} for a user who cannot host here).
     * Reads only.
     */
    public List<PlannedHandOver> plan(UUID orgId, UUID host, UUID heir, Instant now) {
        List<Booking> future = bookings.find("orgId = ?1 and hostUserId = ?2 and status = ?3 and startsAt > ?4 order by startsAt",
                orgId, host, BookingStatus.BOOKED, now).list();
        List<PlannedHandOver> plan = new ArrayList<>();
        for (Booking b : future) {
            plan.add(new PlannedHandOver(b, heir == null || heir.equals(host) ? Optional.of("no-heir") : heirCannotTake(b, heir)));
        }
        return plan;
    }

    private Optional<String> heirCannotTake(Booking b, UUID heir) {
        Slot slot = BookingMoves.slotOf(b);
        List<HostFacts> facts = this.facts.loadChecked(b.orgId, HostFactsLoader.READ_FRESH, null, List.of(heir),
                slot.blockedFrom(), slot.blockedTo()).hosts();
        if (facts.isEmpty()) {
            return Optional.of("heir-not-host");
        }
        return EligibilityPolicies.firstReason(facts.get(0), slot).map(r -> r.code());
    }

    /** The meeting type's pool, but the host who leaves; none when the type is gone. */
    private static List<UUID> poolWithout(Optional<BookableType> type, UUID host) {
        List<UUID> pool = new ArrayList<>(type.map(BookableType::pool).orElse(List.of()));
        pool.remove(host);
        return pool;
    }

    /**
     * Whether one of {@code hosts} took {@code b}: the eligible ones are offered in the fair order of
     * {@code pool}'s weights (AVL-05), and the booking keeps who could not take it (AVL-06); without a
     * pool (a transferee named by a deletion) nobody is weighed or passed over.
     */
    private boolean handOver(Booking b, List<UUID> hosts, BookableType pool, ReassignmentReason reason, Instant now) {
        if (hosts.isEmpty()) {
            return false;
        }
        Slot slot = BookingMoves.slotOf(b);
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            Checked checked = facts.loadChecked(b.orgId, HostFactsLoader.READ_FRESH, null, hosts, slot.blockedFrom(),
                    slot.blockedTo());
            List<HostFacts> eligible = new ArrayList<>();
            Map<UUID, Reason> refused = new LinkedHashMap<>();
            for (HostFacts h : checked.hosts()) {
                EligibilityPolicies.firstReason(h, slot).ifPresentOrElse(r -> refused.put(h.userId(), r), () -> eligible.add(h));
            }
            if (eligible.isEmpty()) {
                return false;
            }
            Booking after = BookingMoves.after(b, slot, now);
            try {
                if (mover.moveWithin(new Move(b, slot, eligible, checked.factsVersion(), null, null,
                        BookingEvents.reassigned(after, b.hostUserId, reason, MeetingActor.SYSTEM), "toHostUserId", now,
                        pool == null ? host -> PoolShare.DEFAULT : pool::share,
                        pool == null ? Map.of() : PlanSql.notOffered(hosts, eligible, refused))) != null) {
                    return true;
                }
            } catch (LostRace race) {
                // a booking made meanwhile took the chosen host's time or day: judge again
            } catch (NotAsRead changed) {
                return true; // the lead cancelled or moved it meanwhile: nothing left to hand over
            }
        }
        return false;
    }
}
