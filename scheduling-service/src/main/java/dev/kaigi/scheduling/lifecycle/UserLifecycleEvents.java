package dev.kaigi.scheduling.lifecycle;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.scheduling.ReassignmentReason;
import dev.kaigi.scheduling.booking.HostDeparture;
import dev.kaigi.scheduling.host.HostReadModel;
import dev.kaigi.scheduling.host.HostStatus;
import dev.kaigi.scheduling.meetingtype.HostPools;
import dev.kaigi.scheduling.schedule.WorkScheduleService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.UUID;

/**
 * What scheduling does as a user comes and goes: the host read model follows, a new user gets
 * their schedule (SCH-05), and a user who leaves hands their pool places and future meetings over
 * (LIF-02, LIF-03, INV-02). One event touches several features here, in a fixed order inside the
 * event's transaction; the chassis inbox applies it once (EVT-02), and events of one user come in
 * order (EVT-03). All of it is this service's database, so a run is applied in one transaction.
 */
@ApplicationScoped
class UserLifecycleEvents implements EventSubscriber {

    @Inject
    HostReadModel hosts;
    @Inject
    WorkScheduleService schedules;
    @Inject
    HostPools pools;
    @Inject
    HostDeparture bookings;

    @Override
    public void subscribe(EventSubscriptions on) {
        // SCH-05: the organization's zone, for system-default schedules
        on.event(EventTypes.ORGANIZATION_CREATED, e -> schedules.organizationCreated(e.orgId(), e.timeZone())).batchable();
        // SCH-05: an invited user gets their schedule at once, so an OWNER can prepare it
        on.event(EventTypes.USER_INVITED, e -> {
            hosts.recordProfile(e.orgId(), e.userId(), e.email(), e.lastName(), e.firstName(), e.role(), e.userType(), null,
                    null, HostStatus.INVITED);
            schedules.provideInitial(e.orgId(), e.userId());
        }).batchable();
        on.event(EventTypes.USER_JOINED, e -> {
            hosts.recordProfile(e.orgId(), e.userId(), e.email(), e.lastName(), e.firstName(), e.role(), e.userType(),
                    e.zoomPersonalMeetingUrl(), e.contact(), statusOf(e.status()));
            schedules.provideInitial(e.orgId(), e.userId());
        }).batchable();
        // role, email, type, Zoom URL and contact; the status stays as the lifecycle events left it
        on.event(EventTypes.USER_UPDATED, e -> {
            hosts.recordProfile(e.orgId(), e.userId(), e.email(), e.lastName(), e.firstName(), e.role(), e.userType(),
                    e.zoomPersonalMeetingUrl(), e.contact(), null);
            schedules.provideInitial(e.orgId(), e.userId());
        }).batchable();
        // LIF-01: no longer a host, at once; MTG-05: their future meetings go to others of their pools
        on.event(EventTypes.USER_DEACTIVATED, e -> {
            hosts.recordStatus(e.orgId(), e.userId(), HostStatus.DEACTIVATED, e.userType());
            bookings.hostLeft(e.orgId(), e.userId(), null, ReassignmentReason.HOST_DEACTIVATED, Instant.now());
        }).batchable();
        on.event(EventTypes.USER_ACTIVATED, e -> {
            hosts.recordStatus(e.orgId(), e.userId(), HostStatus.ACTIVE, e.userType());
            schedules.provideInitial(e.orgId(), e.userId());
        }).batchable();
        // LIF-02, LIF-05: no longer a host; pool places go to their heir, and future meetings to theirs
        // when they are eligible, else to the pools (MTG-05); each category may have its own heir or none
        on.event(EventTypes.USER_DELETED, e -> {
            UUID poolHeir = e.heirOf(TransferCategory.POOL_MEMBERSHIPS);
            hosts.recordStatus(e.orgId(), e.userId(), HostStatus.DELETED, null);
            hosts.recordTransfer(e.orgId(), e.userId(), poolHeir);
            pools.handOver(e.orgId(), e.userId(), poolHeir);
            bookings.hostLeft(e.orgId(), e.userId(), e.heirOf(TransferCategory.FUTURE_BOOKINGS), ReassignmentReason.HOST_DELETED,
                    Instant.now());
        }).batchable();
        // LIF-03: no longer a member, so out of every pool; MTG-05: their future meetings go to others
        on.event(EventTypes.USER_REMOVED, e -> {
            hosts.recordStatus(e.orgId(), e.userId(), HostStatus.REMOVED, null);
            bookings.hostLeft(e.orgId(), e.userId(), null, ReassignmentReason.HOST_REMOVED, Instant.now());
            pools.handOver(e.orgId(), e.userId(), null);
        }).batchable();
        // INV-02: the invited user left the list
        on.event(EventTypes.USER_DECLINED, e -> {
            hosts.recordStatus(e.orgId(), e.userId(), HostStatus.REMOVED, null);
            pools.handOver(e.orgId(), e.userId(), null);
        }).batchable();
    }

    private static HostStatus statusOf(UserStatus status) {
        return HostStatus.valueOf(status.name());
    }
}
