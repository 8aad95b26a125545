package dev.kaigi.scheduling.host;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.events.EventPayload;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.integration.CalendarBusyTimesSynced;
import dev.kaigi.events.integration.CalendarLinked;
import dev.kaigi.events.integration.CalendarUnlinked;
import dev.kaigi.events.integration.OpportunityCountsSynced;
import dev.kaigi.events.integration.ZoomLinked;
import dev.kaigi.events.integration.ZoomUnlinked;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserConverted;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeclined;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserUpdated;
import dev.kaigi.scheduling.booking.BookingTransfer;
import dev.kaigi.scheduling.meetingtype.HostPools;
import dev.kaigi.scheduling.schedule.WorkScheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * The consumers that keep the host read model. The chassis inbox runs each at
 * most once per event id, in one transaction with the inbox row (EVT-02); events of one user come
 * in order (EVT-03), but user and integration events have no order between them, so every write
 * is an upsert ({@link HostReadModel}).
 */
public final class HostEventHandlers {

    private HostEventHandlers() {
    }

    /** One event type applied by one function of the services below. */
    abstract static class Handler<P extends EventPayload> implements EventHandler<P> {
        private final EventType<P> type;
        private final BiConsumer<Handler<P>, P> apply;
        @Inject
        HostReadModel hosts;
        @Inject
        WorkScheduleService schedules;
        @Inject
        HostPools pools;
        @Inject
        BookingTransfer bookings;

        Handler(EventType<P> type, BiConsumer<Handler<P>, P> apply) {
            this.type = type;
            this.apply = apply;
        }

        @Override
        public EventType<P> eventType() {
            return type;
        }

        /** The read model, schedules, pools and bookings are all this service's database. */
        @Override
        public boolean batchable() {
            return true;
        }

        @Override
        public void handle(IncomingEvent<P> event) {
            apply.accept(this, event.data());
        }
    }

    /** SCH-05: the organization's zone, for system-default schedules. */
    @ApplicationScoped
    static class OrganizationCreatedHandler extends Handler<OrganizationCreated> {
        OrganizationCreatedHandler() {
            super(EventTypes.ORGANIZATION_CREATED, (h, e) -> h.schedules.organizationCreated(e.orgId(), e.timeZone()));
        }
    }

    /** SCH-05: an invited user gets their schedule at once, so an OWNER can prepare it. */
    @ApplicationScoped
    static class UserInvitedHandler extends Handler<UserInvited> {
        UserInvitedHandler() {
            super(EventTypes.USER_INVITED, (h, e) -> {
                h.hosts.recordProfile(e.orgId(), e.userId(), e.email(), e.role(), e.userType(), null, HostStatus.INVITED);
                h.schedules.provideInitial(e.orgId(), e.userId());
            });
        }
    }

    @ApplicationScoped
    static class UserJoinedHandler extends Handler<UserJoined> {
        UserJoinedHandler() {
            super(EventTypes.USER_JOINED, (h, e) -> {
                h.hosts.recordProfile(e.orgId(), e.userId(), e.email(), e.role(), e.userType(), e.zoomPersonalMeetingUrl(),
                        statusOf(e.status()));
                h.schedules.provideInitial(e.orgId(), e.userId());
            });
        }
    }

    /** Role, email, type and Zoom URL; the status stays as the lifecycle events left it. */
    @ApplicationScoped
    static class UserUpdatedHandler extends Handler<UserUpdated> {
        UserUpdatedHandler() {
            super(EventTypes.USER_UPDATED, (h, e) -> {
                h.hosts.recordProfile(e.orgId(), e.userId(), e.email(), e.role(), e.userType(), e.zoomPersonalMeetingUrl(), null);
                h.schedules.provideInitial(e.orgId(), e.userId());
            });
        }
    }

    /** LIF-01: no longer a host, at once. */
    @ApplicationScoped
    static class UserDeactivatedHandler extends Handler<UserDeactivated> {
        UserDeactivatedHandler() {
            super(EventTypes.USER_DEACTIVATED,
                    (h, e) -> h.hosts.recordStatus(e.orgId(), e.userId(), HostStatus.DEACTIVATED, e.userType()));
        }
    }

    @ApplicationScoped
    static class UserActivatedHandler extends Handler<UserActivated> {
        UserActivatedHandler() {
            super(EventTypes.USER_ACTIVATED, (h, e) -> {
                h.hosts.recordStatus(e.orgId(), e.userId(), HostStatus.ACTIVE, e.userType());
                h.schedules.provideInitial(e.orgId(), e.userId());
            });
        }
    }

    /** LIF-02: no longer a host; their pool places and future meetings go to the transfer target (see {@link BookingTransfer}). */
    @ApplicationScoped
    static class UserDeletedHandler extends Handler<UserDeleted> {
        UserDeletedHandler() {
            super(EventTypes.USER_DELETED, (h, e) -> {
                h.hosts.recordStatus(e.orgId(), e.userId(), HostStatus.DELETED, null);
                h.hosts.recordTransfer(e.orgId(), e.userId(), e.transferToUserId());
                h.pools.handOver(e.orgId(), e.userId(), e.transferToUserId());
                h.bookings.transferFuture(e.orgId(), e.userId(), e.transferToUserId(), Instant.now());
            });
        }
    }

    /** LIF-03: no longer a member, so out of every pool. */
    @ApplicationScoped
    static class UserRemovedHandler extends Handler<UserRemoved> {
        UserRemovedHandler() {
            super(EventTypes.USER_REMOVED, (h, e) -> {
                h.hosts.recordStatus(e.orgId(), e.userId(), HostStatus.REMOVED, null);
                h.pools.handOver(e.orgId(), e.userId(), null);
            });
        }
    }

    /** INV-02: the invited user left the list. */
    @ApplicationScoped
    static class UserDeclinedHandler extends Handler<UserDeclined> {
        UserDeclinedHandler() {
            super(EventTypes.USER_DECLINED, (h, e) -> {
                h.hosts.recordStatus(e.orgId(), e.userId(), HostStatus.REMOVED, null);
                h.pools.handOver(e.orgId(), e.userId(), null);
            });
        }
    }

    /** LIF-04: a team user who became regular can host from now on. */
    @ApplicationScoped
    static class UserConvertedHandler extends Handler<UserConverted> {
        UserConvertedHandler() {
            super(EventTypes.USER_CONVERTED, (h, e) -> h.hosts.recordUserType(e.orgId(), e.userId(), e.toType()));
        }
    }

    @ApplicationScoped
    static class ZoomLinkedHandler extends Handler<ZoomLinked> {
        ZoomLinkedHandler() {
            super(EventTypes.ZOOM_LINKED, (h, e) -> h.hosts.recordZoom(e.orgId(), e.userId(), true));
        }
    }

    @ApplicationScoped
    static class ZoomUnlinkedHandler extends Handler<ZoomUnlinked> {
        ZoomUnlinkedHandler() {
            super(EventTypes.ZOOM_UNLINKED, (h, e) -> h.hosts.recordZoom(e.orgId(), e.userId(), false));
        }
    }

    @ApplicationScoped
    static class CalendarLinkedHandler extends Handler<CalendarLinked> {
        CalendarLinkedHandler() {
            super(EventTypes.CALENDAR_LINKED, (h, e) -> h.hosts.recordCalendar(e.orgId(), e.userId(), e.provider()));
        }
    }

    @ApplicationScoped
    static class CalendarUnlinkedHandler extends Handler<CalendarUnlinked> {
        CalendarUnlinkedHandler() {
            super(EventTypes.CALENDAR_UNLINKED, (h, e) -> h.hosts.recordCalendar(e.orgId(), e.userId(), null));
        }
    }

    /** SCH-04: open Salesforce opportunities per owner address. */
    @ApplicationScoped
    static class OpportunityCountsSyncedHandler extends Handler<OpportunityCountsSynced> {
        OpportunityCountsSyncedHandler() {
            super(EventTypes.OPPORTUNITY_COUNTS_SYNCED,
                    (h, e) -> h.hosts.replaceOpportunityCounts(e.orgId(), e.syncedAt(), e.counts()));
        }
    }

    /** SCH-07: calendar busy times block slots (phase B), and never count toward caps (SCH-03). */
    @ApplicationScoped
    static class CalendarBusyTimesSyncedHandler extends Handler<CalendarBusyTimesSynced> {
        CalendarBusyTimesSyncedHandler() {
            super(EventTypes.CALENDAR_BUSY_TIMES_SYNCED,
                    (h, e) -> h.hosts.replaceBusyTimes(e.orgId(), e.userId(), e.windowStart(), e.windowEnd(), e.busy()));
        }
    }

    private static HostStatus statusOf(UserStatus status) {
        return HostStatus.valueOf(status.name());
    }
}
