package dev.kaigi.integration.user;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.events.EventPayload;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserConverted;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeclined;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.BiConsumer;

/**
 * Keeps the user read model from {@code kaigi.user.v1}. The chassis inbox applies each event once
 * (EVT-02); events of one user arrive in order (EVT-03) and every write is an idempotent upsert.
 */
public final class UserEventHandlers {

    private UserEventHandlers() {
    }

    abstract static class Handler<P extends EventPayload> implements EventHandler<P> {
        private final EventType<P> type;
        private final BiConsumer<UserDirectory, P> apply;
        @Inject
        UserDirectory users;

        Handler(EventType<P> type, BiConsumer<UserDirectory, P> apply) {
            this.type = type;
            this.apply = apply;
        }

        @Override
        public EventType<P> eventType() {
            return type;
        }

        @Override
        public void handle(IncomingEvent<P> event) {
            apply.accept(users, event.data());
        }
    }

    @ApplicationScoped
    static class OrganizationCreatedHandler extends Handler<OrganizationCreated> {
        OrganizationCreatedHandler() {
            super(EventTypes.ORGANIZATION_CREATED, (u, e) -> u.organization(e.orgId(), e.name(), e.timeZone()));
        }
    }

    /** The invitation carries the organization's name and the user's language, which later mails reuse. */
    @ApplicationScoped
    static class UserInvitedHandler extends Handler<UserInvited> {
        UserInvitedHandler() {
            super(EventTypes.USER_INVITED, (u, e) -> u.invited(e.orgId(), e.userId(), e.email(), e.lastName(),
                    e.firstName(), e.userType().name(), e.locale()));
        }
    }

    @ApplicationScoped
    static class UserJoinedHandler extends Handler<UserJoined> {
        UserJoinedHandler() {
            super(EventTypes.USER_JOINED, (u, e) -> u.profile(e.orgId(), e.userId(), e.email(), e.lastName(),
                    e.firstName(), e.role().name(), e.userType().name(), e.slackMemberId(), e.zoomPersonalMeetingUrl(),
                    e.emailSignature(), e.status().name(), null));
        }
    }

    /** Email, names, role, Slack ID, Zoom URL, signature; the status stays as the lifecycle events left it. */
    @ApplicationScoped
    static class UserUpdatedHandler extends Handler<UserUpdated> {
        UserUpdatedHandler() {
            super(EventTypes.USER_UPDATED, (u, e) -> u.profile(e.orgId(), e.userId(), e.email(), e.lastName(),
                    e.firstName(), e.role().name(), e.userType().name(), e.slackMemberId(), e.zoomPersonalMeetingUrl(),
                    e.emailSignature(), null, null));
        }
    }

    @ApplicationScoped
    static class UserDeactivatedHandler extends Handler<UserDeactivated> {
        UserDeactivatedHandler() {
            super(EventTypes.USER_DEACTIVATED, (u, e) -> u.status(e.orgId(), e.userId(), "DEACTIVATED", e.userType().name()));
        }
    }

    @ApplicationScoped
    static class UserActivatedHandler extends Handler<UserActivated> {
        UserActivatedHandler() {
            super(EventTypes.USER_ACTIVATED, (u, e) -> u.status(e.orgId(), e.userId(), "ACTIVE", e.userType().name()));
        }
    }

    @ApplicationScoped
    static class UserConvertedHandler extends Handler<UserConverted> {
        UserConvertedHandler() {
            super(EventTypes.USER_CONVERTED, (u, e) -> u.status(e.orgId(), e.userId(), null, e.toType().name()));
        }
    }

    @ApplicationScoped
    static class UserDeclinedHandler extends Handler<UserDeclined> {
        UserDeclinedHandler() {
            super(EventTypes.USER_DECLINED, (u, e) -> u.status(e.orgId(), e.userId(), "DECLINED", null));
        }
    }

    @ApplicationScoped
    static class UserRemovedHandler extends Handler<UserRemoved> {
        UserRemovedHandler() {
            super(EventTypes.USER_REMOVED, (u, e) -> u.status(e.orgId(), e.userId(), "REMOVED", null));
        }
    }

    /** LIF-02; the integrations are disconnected by {@link dev.kaigi.integration.lifecycle.UserDeletedDisconnectHandler}. */
    @ApplicationScoped
    static class UserDeletedHandler extends Handler<UserDeleted> {
        UserDeletedHandler() {
            super(EventTypes.USER_DELETED, (u, e) -> u.status(e.orgId(), e.userId(), "DELETED", null));
        }
    }
}
