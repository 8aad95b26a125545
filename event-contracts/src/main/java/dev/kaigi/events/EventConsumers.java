package dev.kaigi.events;

import static dev.kaigi.events.EventTypes.CALENDAR_BUSY_TIMES_SYNCED;
import static dev.kaigi.events.EventTypes.CALENDAR_LINKED;
import static dev.kaigi.events.EventTypes.CALENDAR_UNLINKED;
import static dev.kaigi.events.EventTypes.LEAD_ERASED;
import static dev.kaigi.events.EventTypes.MEETING_BOOKED;
import static dev.kaigi.events.EventTypes.MEETING_CANCELLED;
import static dev.kaigi.events.EventTypes.MEETING_CONFERENCE_CREATED;
import static dev.kaigi.events.EventTypes.MEETING_REASSIGNED;
import static dev.kaigi.events.EventTypes.MEETING_RESCHEDULED;
import static dev.kaigi.events.EventTypes.OPPORTUNITY_COUNTS_SYNCED;
import static dev.kaigi.events.EventTypes.ORGANIZATION_CREATED;
import static dev.kaigi.events.EventTypes.PERMISSION_PROFILE_DELETED;
import static dev.kaigi.events.EventTypes.PERMISSION_PROFILE_SAVED;
import static dev.kaigi.events.EventTypes.PLAN_CHANGED;
import static dev.kaigi.events.EventTypes.SEAT_ASSIGNED;
import static dev.kaigi.events.EventTypes.SEAT_RELEASED;
import static dev.kaigi.events.EventTypes.SUPER_ADMIN_TRANSFERRED;
import static dev.kaigi.events.EventTypes.TEAM_LICENCES_DISABLED;
import static dev.kaigi.events.EventTypes.USER_ACTIVATED;
import static dev.kaigi.events.EventTypes.USER_CONVERTED;
import static dev.kaigi.events.EventTypes.USER_DEACTIVATED;
import static dev.kaigi.events.EventTypes.USER_DECLINED;
import static dev.kaigi.events.EventTypes.USER_DELETED;
import static dev.kaigi.events.EventTypes.USER_INVITED;
import static dev.kaigi.events.EventTypes.USER_JOINED;
import static dev.kaigi.events.EventTypes.USER_REMOVED;
import static dev.kaigi.events.EventTypes.USER_UPDATED;
import static dev.kaigi.events.EventTypes.ZOOM_LINKED;
import static dev.kaigi.events.EventTypes.ZOOM_UNLINKED;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which service consumes which event types: the receiving half of the catalogue, as {@link EventTypes}
 * is the publishing half. The AsyncAPI document's receive operations are generated from it, and each
 * service has a test that fails when the event types its subscribers declare, switched on or not,
 * differ from its entry here, so the document cannot drift from the code.
 */
public final class EventConsumers {

    // Services by their kaigi.service.name, which is also their consumer group.
    private static final Map<String, Set<EventType<?>>> BY_SERVICE = inThisOrder(
            consumer("user-service",
                    // identity-provider sync (switched on by configuration)
                    ORGANIZATION_CREATED, USER_JOINED, USER_UPDATED, USER_DEACTIVATED, USER_ACTIVATED, USER_CONVERTED,
                    USER_REMOVED, USER_DELETED, USER_DECLINED, SUPER_ADMIN_TRANSFERRED,
                    // licence changes that end memberships
                    SEAT_RELEASED, TEAM_LICENCES_DISABLED, PLAN_CHANGED),
            consumer("licensing-service",
                    // its copy of the organizations' users, and seats freed when users leave
                    ORGANIZATION_CREATED, USER_INVITED, USER_JOINED, USER_UPDATED, USER_DEACTIVATED, USER_ACTIVATED,
                    USER_CONVERTED, USER_REMOVED, USER_DELETED, USER_DECLINED, SUPER_ADMIN_TRANSFERRED,
                    // the permission profiles its callers hold (the chassis' StoredCallerProfiles, USR-07)
                    PERMISSION_PROFILE_SAVED, PERMISSION_PROFILE_DELETED),
            consumer("scheduling-service",
                    // hosts, their schedules, and leads to forget
                    ORGANIZATION_CREATED, USER_INVITED, USER_JOINED, USER_UPDATED, USER_DEACTIVATED, USER_ACTIVATED,
                    USER_CONVERTED, USER_REMOVED, USER_DELETED, USER_DECLINED, LEAD_ERASED,
                    // what the hosts' linked accounts say
                    ZOOM_LINKED, ZOOM_UNLINKED, CALENDAR_LINKED, CALENDAR_UNLINKED, OPPORTUNITY_COUNTS_SYNCED,
                    CALENDAR_BUSY_TIMES_SYNCED, MEETING_CONFERENCE_CREATED,
                    // the permission profiles its callers hold (the chassis' StoredCallerProfiles, USR-07)
                    PERMISSION_PROFILE_SAVED, PERMISSION_PROFILE_DELETED),
            consumer("integration-service",
                    // its copy of the users, invitation mails, hand-overs on deletion, leads to forget, partner webhooks
                    ORGANIZATION_CREATED, USER_INVITED, USER_JOINED, USER_UPDATED, USER_DEACTIVATED, USER_ACTIVATED,
                    USER_CONVERTED, USER_REMOVED, USER_DELETED, USER_DECLINED, LEAD_ERASED,
                    // mails, calendar invitations and conferences of the meetings
                    MEETING_BOOKED, MEETING_CANCELLED, MEETING_REASSIGNED, MEETING_RESCHEDULED,
                    // the permission profiles its callers hold (the chassis' StoredCallerProfiles, USR-07)
                    PERMISSION_PROFILE_SAVED, PERMISSION_PROFILE_DELETED));

    // Consumers a service runs beside its own, each in group <service>-<name>, so that their work never waits behind
    // the service's other handlers: the chassis' EventSubscriber#consumer().
    private static final Map<String, Map<String, Set<EventType<?>>>> NAMED = Map.of(
            "integration-service", inThisOrder(
                    // partner webhooks (HOOK-01), queued as their events arrive, not behind the meetings' provider calls
                    consumer("webhooks", MEETING_BOOKED, MEETING_CANCELLED, MEETING_REASSIGNED, MEETING_RESCHEDULED,
                            USER_INVITED, USER_JOINED, USER_DEACTIVATED, USER_DELETED, SEAT_ASSIGNED, SEAT_RELEASED)));

    private EventConsumers() {
    }

    /** The consuming services, in a fixed order. */
    public static List<String> services() {
        return List.copyOf(BY_SERVICE.keySet());
    }

    /**
     * The event types {@code service} applies, by any of its consumers, in {@link EventTypes#all()} order.
     *
     * @throws IllegalArgumentException for a service that consumes nothing or does not exist
     */
    public static Set<EventType<?>> of(String service) {
        Set<EventType<?>> types = new LinkedHashSet<>();
        groupsOf(service).values().forEach(types::addAll);
        return EventTypes.all().stream().filter(types::contains).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * The consumer groups of {@code service} and the event types each applies: first the service's own group, named
     * as the service, then each consumer it runs beside it, as {@code <service>-<name>}.
     *
     * @throws IllegalArgumentException for a service that consumes nothing or does not exist
     */
    public static Map<String, Set<EventType<?>>> groupsOf(String service) {
        Set<EventType<?>> main = BY_SERVICE.get(service);
        if (main == null) {
            throw new IllegalArgumentException("No consumer named " + service + "; consumers are " + services());
        }
        Map<String, Set<EventType<?>>> groups = new LinkedHashMap<>();
        groups.put(service, main);
        NAMED.getOrDefault(service, Map.of()).forEach((name, types) -> groups.put(service + "-" + name, types));
        return groups;
    }

    /** The {@link #of} types' names: what a service's event dispatcher reports it subscribes to. */
    public static Set<String> typeNamesOf(String service) {
        return of(service).stream().map(EventType::name).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The topics {@code service} must subscribe to: those of the types it applies. */
    public static Set<String> topicsOf(String service) {
        return of(service).stream().map(EventType::topic).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Map.Entry<String, Set<EventType<?>>> consumer(String service, EventType<?>... types) {
        Set<EventType<?>> inCatalogOrder = EventTypes.all().stream().filter(List.of(types)::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        if (inCatalogOrder.size() != types.length) {
            throw new IllegalStateException(service + " lists an event type twice");
        }
        return Map.entry(service, Collections.unmodifiableSet(inCatalogOrder));
    }

    @SafeVarargs
    private static Map<String, Set<EventType<?>>> inThisOrder(Map.Entry<String, Set<EventType<?>>>... consumers) {
        Map<String, Set<EventType<?>>> byService = new LinkedHashMap<>();
        for (Map.Entry<String, Set<EventType<?>>> consumer : consumers) {
            if (byService.put(consumer.getKey(), consumer.getValue()) != null) {
                throw new IllegalStateException(consumer.getKey() + " is listed twice");
            }
        }
        return Collections.unmodifiableMap(byService);
    }
}
