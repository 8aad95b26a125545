package dev.kaigi.licensing.orguser;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.licensing.subscription.SubscriptionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps the organization's users as user-service announces them. Each event is applied once (the
 * chassis inbox); all of them change licensing's database only, so a consumer catching up applies a
 * run of them in one transaction. A user leaving frees a seat: the seat feature handles those events.
 */
@ApplicationScoped
class OrgUserEvents implements EventSubscriber {

    @Inject
    OrgUserRepository users;
    @Inject
    SubscriptionService subscriptions;

    @Override
    public void subscribe(EventSubscriptions on) {
        // a new organization gets its FREE subscription; its super admin is an OWNER (ORG-02)
        on.event(EventTypes.ORGANIZATION_CREATED, e -> {
            subscriptions.bootstrap(e.orgId());
            users.upsertIfAbsent(e.orgId(), e.superAdminUserId(), UserType.REGULAR, UserStatus.ACTIVE);
            users.setRole(e.orgId(), e.superAdminUserId(), Role.OWNER);
        }).batchable();
        on.event(EventTypes.USER_INVITED,
                e -> users.upsert(e.orgId(), e.userId(), e.userType(), UserStatus.INVITED, e.role())).batchable();
        on.event(EventTypes.USER_JOINED, e -> users.upsert(e.orgId(), e.userId(), e.userType(), e.status(), e.role()))
                .batchable();
        on.event(EventTypes.USER_ACTIVATED, e -> users.upsert(e.orgId(), e.userId(), e.userType(), UserStatus.ACTIVE))
                .batchable();
        on.event(EventTypes.USER_CONVERTED, e -> users.setType(e.orgId(), e.userId(), e.toType())).batchable();
        // an OWNER changed the user's role: authorization here follows at once
        on.event(EventTypes.USER_UPDATED, e -> users.setRole(e.orgId(), e.userId(), e.role())).batchable();
        // ORG-03: the new super admin is an OWNER
        on.event(EventTypes.SUPER_ADMIN_TRANSFERRED, e -> users.setRole(e.orgId(), e.toUserId(), Role.OWNER)).batchable();
    }
}
