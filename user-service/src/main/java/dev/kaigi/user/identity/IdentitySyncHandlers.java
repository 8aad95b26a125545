package dev.kaigi.user.identity;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.events.EventPayload;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.SuperAdminTransferred;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserConverted;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeclined;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keeps the identity provider in step by reading this service's own user events: they come
 * through the outbox, so a change that committed is synchronized even if Keycloak was down at
 * the time (the consumer waits it out), and one that rolled back never is.
 */
public final class IdentitySyncHandlers {

    private IdentitySyncHandlers() {
    }

    /** Synchronizes the users an event names. */
    abstract static class SyncUsers<P extends EventPayload> implements EventHandler<P> {
        @Inject
        IdentitySync sync;
        private final EventType<P> type;
        private final Function<P, List<UUID>> usersOf;

        SyncUsers(EventType<P> type, Function<P, List<UUID>> usersOf) {
            this.type = type;
            this.usersOf = usersOf;
        }

        @Override
        public EventType<P> eventType() {
            return type;
        }

        @Override
        public void handle(IncomingEvent<P> event) {
            usersOf.apply(event.data()).forEach(user -> sync.sync(event.data().orgId(), user));
        }

        /** With no identity provider connected, this service's own events are not even recorded. */
        @Override
        public boolean active() {
            return sync.enabled();
        }
    }

    @ApplicationScoped
    public static class OnOrganizationCreated extends SyncUsers<OrganizationCreated> {
        public OnOrganizationCreated() {
            super(EventTypes.ORGANIZATION_CREATED, e -> List.of(e.superAdminUserId()));
        }
    }

    @ApplicationScoped
    public static class OnJoined extends SyncUsers<UserJoined> {
        public OnJoined() {
            super(EventTypes.USER_JOINED, e -> List.of(e.userId()));
        }
    }

    @ApplicationScoped
    public static class OnUpdated extends SyncUsers<UserUpdated> {
        public OnUpdated() {
            super(EventTypes.USER_UPDATED, e -> List.of(e.userId()));
        }
    }

    @ApplicationScoped
    public static class OnDeactivated extends SyncUsers<UserDeactivated> {
        public OnDeactivated() {
            super(EventTypes.USER_DEACTIVATED, e -> List.of(e.userId()));
        }
    }

    @ApplicationScoped
    public static class OnActivated extends SyncUsers<UserActivated> {
        public OnActivated() {
            super(EventTypes.USER_ACTIVATED, e -> List.of(e.userId()));
        }
    }

    @ApplicationScoped
    public static class OnConverted extends SyncUsers<UserConverted> {
        public OnConverted() {
            super(EventTypes.USER_CONVERTED, e -> List.of(e.userId()));
        }
    }

    @ApplicationScoped
    public static class OnRemoved extends SyncUsers<UserRemoved> {
        public OnRemoved() {
            super(EventTypes.USER_REMOVED, e -> List.of(e.userId()));
        }
    }

    @ApplicationScoped
    public static class OnDeleted extends SyncUsers<UserDeleted> {
        public OnDeleted() {
            super(EventTypes.USER_DELETED, e -> List.of(e.userId()));
        }
    }

    @ApplicationScoped
    public static class OnDeclined extends SyncUsers<UserDeclined> {
        public OnDeclined() {
            super(EventTypes.USER_DECLINED, e -> List.of(e.userId()));
        }
    }

    @ApplicationScoped
    public static class OnSuperAdminTransferred extends SyncUsers<SuperAdminTransferred> {
        public OnSuperAdminTransferred() {
            super(EventTypes.SUPER_ADMIN_TRANSFERRED, e -> List.of(e.fromUserId(), e.toUserId()));
        }
    }
}
