package dev.kaigi.integration.user;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Keeps the user read model from {@code kaigi.user.v1}. The chassis inbox applies each event once
 * (EVT-02); events of one user arrive in order (EVT-03) and every write is an idempotent upsert.
 */
@ApplicationScoped
class UserEvents implements EventSubscriber {

    @Inject
    UserDirectory users;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.ORGANIZATION_CREATED, e -> users.organization(e.orgId(), e.name(), e.timeZone()));
        // the invitation carries the organization's name and the user's language, which later mails reuse
        on.event(EventTypes.USER_INVITED, e -> users.invited(e.orgId(), e.userId(), e.email(), e.lastName(),
                e.firstName(), e.userType().name(), e.locale()));
        on.event(EventTypes.USER_JOINED, e -> users.profile(e.orgId(), e.userId(), e.email(), e.lastName(),
                e.firstName(), e.role().name(), e.userType().name(), e.slackMemberId(), e.zoomPersonalMeetingUrl(),
                e.emailSignature(), e.contact(), e.status().name(), null));
        // email, names, role, Slack ID, Zoom URL, signature, contact; the status stays as the lifecycle events left it
        on.event(EventTypes.USER_UPDATED, e -> users.profile(e.orgId(), e.userId(), e.email(), e.lastName(),
                e.firstName(), e.role().name(), e.userType().name(), e.slackMemberId(), e.zoomPersonalMeetingUrl(),
                e.emailSignature(), e.contact(), null, null));
        on.event(EventTypes.USER_DEACTIVATED, e -> users.status(e.orgId(), e.userId(), "DEACTIVATED", e.userType().name()));
        on.event(EventTypes.USER_ACTIVATED, e -> users.status(e.orgId(), e.userId(), "ACTIVE", e.userType().name()));
        on.event(EventTypes.USER_CONVERTED, e -> users.status(e.orgId(), e.userId(), null, e.toType().name()));
        on.event(EventTypes.USER_DECLINED, e -> users.status(e.orgId(), e.userId(), "DECLINED", null));
        on.event(EventTypes.USER_REMOVED, e -> users.status(e.orgId(), e.userId(), "REMOVED", null));
        // LIF-02; the integrations are disconnected by the lifecycle feature
        on.event(EventTypes.USER_DELETED, e -> users.status(e.orgId(), e.userId(), "DELETED", null));
    }
}
