package dev.kaigi.user.identity;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps the identity provider in step by reading this service's own user events: they come
 * through the outbox, so a change that committed is synchronized even if Keycloak was down at
 * the time (the consumer waits it out), and one that rolled back never is. With no identity
 * provider connected, these events are not even recorded.
 */
@ApplicationScoped
class IdentitySyncEvents implements EventSubscriber {

    @Inject
    IdentitySync sync;

    @Override
    public void subscribe(EventSubscriptions on) {
        boolean connected = sync.enabled();
        on.event(EventTypes.ORGANIZATION_CREATED, e -> sync.sync(e.orgId(), e.superAdminUserId())).activeIf(connected);
        on.event(EventTypes.USER_JOINED, e -> sync.sync(e.orgId(), e.userId())).activeIf(connected);
        on.event(EventTypes.USER_UPDATED, e -> sync.sync(e.orgId(), e.userId())).activeIf(connected);
        on.event(EventTypes.USER_DEACTIVATED, e -> sync.sync(e.orgId(), e.userId())).activeIf(connected);
        on.event(EventTypes.USER_ACTIVATED, e -> sync.sync(e.orgId(), e.userId())).activeIf(connected);
        on.event(EventTypes.USER_CONVERTED, e -> sync.sync(e.orgId(), e.userId())).activeIf(connected);
        on.event(EventTypes.USER_REMOVED, e -> sync.sync(e.orgId(), e.userId())).activeIf(connected);
        on.event(EventTypes.USER_DELETED, e -> sync.sync(e.orgId(), e.userId())).activeIf(connected);
        on.event(EventTypes.USER_DECLINED, e -> sync.sync(e.orgId(), e.userId())).activeIf(connected);
        on.event(EventTypes.SUPER_ADMIN_TRANSFERRED, e -> {
            sync.sync(e.orgId(), e.fromUserId());
            sync.sync(e.orgId(), e.toUserId());
        }).activeIf(connected);
    }
}
