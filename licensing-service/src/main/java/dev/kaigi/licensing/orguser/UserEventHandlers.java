package dev.kaigi.licensing.orguser;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.SuperAdminTransferred;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserConverted;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeclined;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.events.user.UserUpdated;
import dev.kaigi.licensing.seat.service.SeatService;
import dev.kaigi.licensing.subscription.service.SubscriptionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * What licensing-service does with user-service's events. Each handler runs once per event (the
 * chassis inbox), so a redelivered event never releases a seat twice. They change nothing but
 * this service's database, so a consumer catching up applies a run of them in one transaction.
 */
public final class UserEventHandlers {

    private UserEventHandlers() {
    }

    /** A new organization gets its FREE subscription; its super admin is an OWNER (ORG-02). */
    @ApplicationScoped
    public static class OrganizationCreatedHandler implements EventHandler<OrganizationCreated> {
        @Inject
        SubscriptionService subscriptions;
        @Inject
        OrgUserRepository users;

        @Override
        public EventType<OrganizationCreated> eventType() {
            return EventTypes.ORGANIZATION_CREATED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<OrganizationCreated> event) {
            OrganizationCreated e = event.data();
            subscriptions.bootstrap(e.orgId());
            users.upsertIfAbsent(e.orgId(), e.superAdminUserId(), UserType.REGULAR, UserStatus.ACTIVE);
            users.setRole(e.orgId(), e.superAdminUserId(), Role.OWNER);
        }
    }

    @ApplicationScoped
    public static class UserInvitedHandler implements EventHandler<UserInvited> {
        @Inject
        OrgUserRepository users;

        @Override
        public EventType<UserInvited> eventType() {
            return EventTypes.USER_INVITED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserInvited> event) {
            UserInvited e = event.data();
            users.upsert(e.orgId(), e.userId(), e.userType(), UserStatus.INVITED, e.role());
        }
    }

    @ApplicationScoped
    public static class UserJoinedHandler implements EventHandler<UserJoined> {
        @Inject
        OrgUserRepository users;

        @Override
        public EventType<UserJoined> eventType() {
            return EventTypes.USER_JOINED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserJoined> event) {
            UserJoined e = event.data();
            users.upsert(e.orgId(), e.userId(), e.userType(), e.status(), e.role());
        }
    }

    @ApplicationScoped
    public static class UserActivatedHandler implements EventHandler<UserActivated> {
        @Inject
        OrgUserRepository users;

        @Override
        public EventType<UserActivated> eventType() {
            return EventTypes.USER_ACTIVATED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserActivated> event) {
            UserActivated e = event.data();
            users.upsert(e.orgId(), e.userId(), e.userType(), UserStatus.ACTIVE);
        }
    }

    @ApplicationScoped
    public static class UserConvertedHandler implements EventHandler<UserConverted> {
        @Inject
        OrgUserRepository users;

        @Override
        public EventType<UserConverted> eventType() {
            return EventTypes.USER_CONVERTED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserConverted> event) {
            users.setType(event.data().orgId(), event.data().userId(), event.data().toType());
        }
    }

    /** An OWNER changed the user's role: authorization here follows at once. */
    @ApplicationScoped
    public static class UserUpdatedHandler implements EventHandler<UserUpdated> {
        @Inject
        OrgUserRepository users;

        @Override
        public EventType<UserUpdated> eventType() {
            return EventTypes.USER_UPDATED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserUpdated> event) {
            users.setRole(event.data().orgId(), event.data().userId(), event.data().role());
        }
    }

    /** ORG-03: the new super admin is an OWNER. */
    @ApplicationScoped
    public static class SuperAdminTransferredHandler implements EventHandler<SuperAdminTransferred> {
        @Inject
        OrgUserRepository users;

        @Override
        public EventType<SuperAdminTransferred> eventType() {
            return EventTypes.SUPER_ADMIN_TRANSFERRED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<SuperAdminTransferred> event) {
            users.setRole(event.data().orgId(), event.data().toUserId(), Role.OWNER);
        }
    }

    /** LIF-01: a deactivated user's seat is released. */
    @ApplicationScoped
    public static class UserDeactivatedHandler implements EventHandler<UserDeactivated> {
        @Inject
        SeatReleaser releaser;

        @Override
        public EventType<UserDeactivated> eventType() {
            return EventTypes.USER_DEACTIVATED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserDeactivated> event) {
            releaser.release(event, event.data().orgId(), event.data().userId(), UserStatus.DEACTIVATED,
                    SeatReleaseReason.USER_DEACTIVATED);
        }
    }

    /** LIF-02: a deleted user's seat is released. */
    @ApplicationScoped
    public static class UserDeletedHandler implements EventHandler<UserDeleted> {
        @Inject
        SeatReleaser releaser;

        @Override
        public EventType<UserDeleted> eventType() {
            return EventTypes.USER_DELETED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserDeleted> event) {
            releaser.release(event, event.data().orgId(), event.data().userId(), UserStatus.DELETED,
                    SeatReleaseReason.USER_DELETED);
        }
    }

    /** LIF-03: removing a user from the organization frees their seat. */
    @ApplicationScoped
    public static class UserRemovedHandler implements EventHandler<UserRemoved> {
        @Inject
        SeatReleaser releaser;

        @Override
        public EventType<UserRemoved> eventType() {
            return EventTypes.USER_REMOVED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserRemoved> event) {
            releaser.release(event, event.data().orgId(), event.data().userId(), UserStatus.DELETED,
                    SeatReleaseReason.USER_REMOVED);
        }
    }

    /** INV-02: a declined invitation frees the seat. */
    @ApplicationScoped
    public static class UserDeclinedHandler implements EventHandler<UserDeclined> {
        @Inject
        SeatReleaser releaser;

        @Override
        public EventType<UserDeclined> eventType() {
            return EventTypes.USER_DECLINED;
        }

        @Override
        public boolean batchable() {
            return true; // licensing\'s database only
        }

        @Override
        public void handle(IncomingEvent<UserDeclined> event) {
            releaser.release(event, event.data().orgId(), event.data().userId(), UserStatus.DELETED,
                    SeatReleaseReason.USER_DECLINED);
        }
    }

    /** Marks the user and frees their seat, if they hold one. */
    @ApplicationScoped
    public static class SeatReleaser {
        @Inject
        OrgUserRepository users;
        @Inject
        SeatService seats;

        void release(IncomingEvent<?> event, UUID orgId, UUID userId, UserStatus status, SeatReleaseReason reason) {
            users.setStatus(orgId, userId, status);
            seats.releaseForUser(orgId, userId, reason, event.time());
        }
    }
}
