package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The meeting's join link, once integration-service created the Zoom meeting (INT-01): the lead's
 * manage page shows it (MTG-02). A link created for an earlier host or time may arrive after a
 * newer one; the link of the booking's current host wins.
 */
@ApplicationScoped
class ConferenceEvents implements EventSubscriber {

    @Inject
    EntityManager em;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.MEETING_CONFERENCE_CREATED, e -> em.createNativeQuery("""
                        update booking set conference_url = :url
                        where id = :booking and org_id = :org and host_user_id = :host""")
                .setParameter("url", e.joinUrl()).setParameter("booking", e.bookingId()).setParameter("org", e.orgId())
                .setParameter("host", e.hostUserId()).executeUpdate()).batchable();
    }
}
