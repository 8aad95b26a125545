package dev.kaigi.scheduling.privacy;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** SEC-04: an OWNER erased a lead in user-service; their bookings here forget them. All of it is this service's database. */
@ApplicationScoped
class LeadErasedEvents implements EventSubscriber {

    @Inject
    LeadErasures erasures;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.LEAD_ERASED, erasures::apply).batchable();
    }
}
