package dev.kaigi.scheduling.timeoff;

import dev.kaigi.events.scheduling.ReassignmentReason;
import dev.kaigi.scheduling.booking.Booking;
import dev.kaigi.scheduling.booking.HostDeparture;
import dev.kaigi.scheduling.booking.HostDeparture.Outcome;
import dev.kaigi.scheduling.timeoff.TimeOffJson.MeetingOutcome;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * AVL-02 with MTG-05: the meetings inside a recorded absence that have not started go, each, to an
 * eligible host of their pool by the fair choice, or are cancelled with reason
 * {@code host-unavailable}; the lead is told through {@code meeting-reassigned} or
 * {@code meeting-cancelled}, as for any host who can no longer host. Runs after the absence is
 * committed, in one transaction that ends by marking it settled; an absence left unsettled by a
 * crash is settled when an instance starts. Two instances never settle one absence together: its
 * row is locked, and a settled one is skipped.
 */
@ApplicationScoped
public class TimeOffSettlement {

    private static final Logger LOG = Logger.getLogger(TimeOffSettlement.class);

    @Inject
    EntityManager em;
    @Inject
    HostDeparture departure;

    /** What became of each meeting inside the absence; empty when another instance settled it first. */
    @Transactional
    @SuppressWarnings("unchecked") // a native query's rows are Object[]
    public List<MeetingOutcome> settle(UUID timeOffId, Instant now) {
        List<Object[]> absence = em.createNativeQuery("""
                        select org_id, user_id, starts_at, ends_at from time_off
                        where id = :id and settled_at is null for update skip locked
                        """)
                .setParameter("id", timeOffId).getResultList();
        if (absence.isEmpty()) {
            return List.of();
        }
        UUID orgId = (UUID) absence.get(0)[0];
        UUID host = (UUID) absence.get(0)[1];
        List<Booking> inside = em.createQuery("""
                        from Booking b where b.orgId = ?1 and b.hostUserId = ?2 and b.status = 'BOOKED'
                        and b.startsAt > ?3 and b.startsAt < ?4 and b.endsAt > ?5 order by b.startsAt""", Booking.class)
                .setParameter(1, orgId).setParameter(2, host).setParameter(3, now)
                .setParameter(4, TimeOffService.instant(absence.get(0)[3])).setParameter(5, TimeOffService.instant(absence.get(0)[2]))
                .getResultList();
        List<MeetingOutcome> outcomes = new ArrayList<>();
        for (Booking b : inside) {
            Outcome outcome = departure.handOverOrCancel(b, host, ReassignmentReason.HOST_ABSENT, now);
            outcomes.add(new MeetingOutcome(b.id, outcome, outcome == Outcome.REASSIGNED ? b.hostUserId : null));
        }
        em.createNativeQuery("update time_off set settled_at = :now where id = :id")
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).setParameter("id", timeOffId).executeUpdate();
        return outcomes;
    }

    /** Absences whose settlement a stopped instance did not finish. */
    void onStart(@Observes StartupEvent start) {
        for (UUID id : unsettled()) {
            try {
                settle(id, Instant.now());
            } catch (RuntimeException e) {
                LOG.errorf(e, "settling time off %s", id);
            }
        }
    }

    @Transactional
    @SuppressWarnings("unchecked") // one column: uuid
    List<UUID> unsettled() {
        return em.createNativeQuery("select id from time_off where settled_at is null order by created_at").getResultList();
    }
}
