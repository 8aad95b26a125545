package dev.kaigi.integration.notification;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.events.user.UserDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * LIF-02, LIF-05: a deleted user's booking notification subscriptions go to the heir of that category (merged with the
 * heir's own) or are dropped; a user removed from the organization loses theirs. Both are idempotent: a redelivered
 * event finds nothing left to move.
 */
@ApplicationScoped
public class UserLeftSubscriptionsHandler implements EventSubscriber {

    @Inject
    NotificationSubscriptionService subscriptions;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.USER_DELETED, this::deleted);
        on.event(EventTypes.USER_REMOVED, e -> subscriptions.handOver(e.orgId(), e.userId(), null));
    }

    private void deleted(UserDeleted e) {
        subscriptions.handOver(e.orgId(), e.userId(), e.heirOf(TransferCategory.NOTIFICATION_SUBSCRIPTIONS));
    }
}
