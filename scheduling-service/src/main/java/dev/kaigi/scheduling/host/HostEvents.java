package dev.kaigi.scheduling.host;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What the host read model learns from events that change nothing else here: statuses and types
 * (LIF-01, LIF-04), Zoom and calendar links, Salesforce opportunity counts (SCH-04) and calendar
 * busy times (SCH-07). The chassis inbox applies each event once (EVT-02); user and integration
 * events have no order between them, so every write is an upsert ({@link HostReadModel}). All of it
 * is this service's database, so a consumer catching up applies a run in one transaction.
 */
@ApplicationScoped
class HostEvents implements EventSubscriber {

    @Inject
    HostReadModel hosts;

    @Override
    public void subscribe(EventSubscriptions on) {
        // LIF-04: a team user who became regular can host from now on
        on.event(EventTypes.USER_CONVERTED, e -> hosts.recordUserType(e.orgId(), e.userId(), e.toType())).batchable();
        on.event(EventTypes.ZOOM_LINKED, e -> hosts.recordZoom(e.orgId(), e.userId(), true)).batchable();
        on.event(EventTypes.ZOOM_UNLINKED, e -> hosts.recordZoom(e.orgId(), e.userId(), false)).batchable();
        on.event(EventTypes.CALENDAR_LINKED, e -> hosts.recordCalendar(e.orgId(), e.userId(), e.provider())).batchable();
        on.event(EventTypes.CALENDAR_UNLINKED, e -> hosts.recordCalendar(e.orgId(), e.userId(), null)).batchable();
        on.event(EventTypes.OPPORTUNITY_COUNTS_SYNCED, e -> hosts.replaceOpportunityCounts(e.orgId(), e.syncedAt(), e.counts()))
                .batchable();
        // SCH-07: busy times block slots, and never count toward caps (SCH-03)
        on.event(EventTypes.CALENDAR_BUSY_TIMES_SYNCED,
                e -> hosts.replaceBusyTimes(e.orgId(), e.userId(), e.windowStart(), e.windowEnd(), e.busy())).batchable();
    }
}
