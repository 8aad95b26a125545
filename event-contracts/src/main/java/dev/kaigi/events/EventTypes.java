package dev.kaigi.events;

import dev.kaigi.events.integration.CalendarBusyTimesSynced;
import dev.kaigi.events.integration.CalendarLinked;
import dev.kaigi.events.integration.CalendarUnlinked;
import dev.kaigi.events.integration.MailboxBackupCompleted;
import dev.kaigi.events.integration.MeetingConferenceCreated;
import dev.kaigi.events.integration.OpportunityCountsSynced;
import dev.kaigi.events.integration.ZoomLinked;
import dev.kaigi.events.integration.ZoomUnlinked;
import dev.kaigi.events.licensing.PlanChanged;
import dev.kaigi.events.licensing.SeatAssigned;
import dev.kaigi.events.licensing.SeatReleased;
import dev.kaigi.events.licensing.TeamLicencesDisabled;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.scheduling.MeetingReassigned;
import dev.kaigi.events.scheduling.MeetingRescheduled;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.PermissionProfileDeleted;
import dev.kaigi.events.user.PermissionProfileSaved;
import dev.kaigi.events.user.SuperAdminTransferred;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserConverted;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserDeclined;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.events.user.UserUpdated;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalog of every Kaigi event type (EVT-01); a type missing here cannot be published or consumed. */
public final class EventTypes {

    // user-service

    public static final EventType<OrganizationCreated> ORGANIZATION_CREATED = user(
            "kaigi.user.organization-created.v1", OrganizationCreated.class,
            "A new organization was created with its first super admin.");
    public static final EventType<UserInvited> USER_INVITED = user(
            "kaigi.user.invited.v1", UserInvited.class,
            "A user was invited or re-invited to the organization; the invitation mail is to be sent.");
    public static final EventType<UserJoined> USER_JOINED = user(
            "kaigi.user.joined.v1", UserJoined.class,
            "A user became a member of the organization.");
    public static final EventType<UserDeclined> USER_DECLINED = user(
            "kaigi.user.declined.v1", UserDeclined.class,
            "An invited user declined the invitation and left the organization.");
    public static final EventType<UserUpdated> USER_UPDATED = user(
            "kaigi.user.updated.v1", UserUpdated.class,
            "A user's profile changed; carries the profile after the change.");
    public static final EventType<UserDeactivated> USER_DEACTIVATED = user(
            "kaigi.user.deactivated.v1", UserDeactivated.class,
            "A user was deactivated: no sign-in, not assignable as host, seat to be released.");
    public static final EventType<UserActivated> USER_ACTIVATED = user(
            "kaigi.user.activated.v1", UserActivated.class,
            "A deactivated user was activated again.");
    public static final EventType<UserDeleted> USER_DELETED = user(
            "kaigi.user.deleted.v1", UserDeleted.class,
            "A user was deleted, optionally transferring their open records and settings to another user.");
    public static final EventType<UserRemoved> USER_REMOVED = user(
            "kaigi.user.removed.v1", UserRemoved.class,
            "A user was removed from the organization; their seat is to be freed.");
    public static final EventType<UserConverted> USER_CONVERTED = user(
            "kaigi.user.converted.v1", UserConverted.class,
            "A user changed licence type (team user to regular user).");
    public static final EventType<SuperAdminTransferred> SUPER_ADMIN_TRANSFERRED = user(
            "kaigi.user.super-admin-transferred.v1", SuperAdminTransferred.class,
            "The super-admin flag moved to another user of the organization.");
    public static final EventType<PermissionProfileSaved> PERMISSION_PROFILE_SAVED = user(
            "kaigi.user.permission-profile-saved.v1", PermissionProfileSaved.class,
            "A permission profile was created or changed; carries its whole set of permissions.");
    public static final EventType<PermissionProfileDeleted> PERMISSION_PROFILE_DELETED = user(
            "kaigi.user.permission-profile-deleted.v1", PermissionProfileDeleted.class,
            "An unused permission profile was deleted.");
    public static final EventType<LeadErased> LEAD_ERASED = user(
            "kaigi.user.lead-erased.v1", LeadErased.class,
            "An OWNER erased a lead's personal data; every service forgets the person and keeps times and counts.");

    // licensing-service

    public static final EventType<SeatAssigned> SEAT_ASSIGNED = licensing(
            "kaigi.licensing.seat-assigned.v1", SeatAssigned.class,
            "A seat of a licence pool was assigned to a user.");
    public static final EventType<SeatReleased> SEAT_RELEASED = licensing(
            "kaigi.licensing.seat-released.v1", SeatReleased.class,
            "A user's seat was released back to its licence pool.");
    public static final EventType<TeamLicencesDisabled> TEAM_LICENCES_DISABLED = licensing(
            "kaigi.licensing.team-licences-disabled.v1", TeamLicencesDisabled.class,
            "The organization's team-user licences were disabled; its team users are to be deactivated.");
    public static final EventType<PlanChanged> PLAN_CHANGED = licensing(
            "kaigi.licensing.plan-changed.v1", PlanChanged.class,
            "The organization's plan changed.");

    // scheduling-service

    public static final EventType<MeetingBooked> MEETING_BOOKED = scheduling(
            "kaigi.scheduling.meeting-booked.v1", MeetingBooked.class,
            "A lead booked a meeting and a host was assigned to it.");
    public static final EventType<MeetingCancelled> MEETING_CANCELLED = scheduling(
            "kaigi.scheduling.meeting-cancelled.v1", MeetingCancelled.class,
            "A booked meeting was cancelled.");
    public static final EventType<MeetingReassigned> MEETING_REASSIGNED = scheduling(
            "kaigi.scheduling.meeting-reassigned.v1", MeetingReassigned.class,
            "A booked meeting moved to another host.");
    public static final EventType<MeetingRescheduled> MEETING_RESCHEDULED = scheduling(
            "kaigi.scheduling.meeting-rescheduled.v1", MeetingRescheduled.class,
            "A booked meeting moved to another start, kept by its host or given to another.");

    // integration-service

    public static final EventType<ZoomLinked> ZOOM_LINKED = integration(
            "kaigi.integration.zoom-linked.v1", ZoomLinked.class,
            "A user linked a Zoom account.");
    public static final EventType<ZoomUnlinked> ZOOM_UNLINKED = integration(
            "kaigi.integration.zoom-unlinked.v1", ZoomUnlinked.class,
            "A user's Zoom account was unlinked.");
    public static final EventType<CalendarLinked> CALENDAR_LINKED = integration(
            "kaigi.integration.calendar-linked.v1", CalendarLinked.class,
            "A user linked a Google or Microsoft calendar account.");
    public static final EventType<CalendarUnlinked> CALENDAR_UNLINKED = integration(
            "kaigi.integration.calendar-unlinked.v1", CalendarUnlinked.class,
            "A user's calendar account was unlinked.");
    public static final EventType<OpportunityCountsSynced> OPPORTUNITY_COUNTS_SYNCED = integration(
            "kaigi.integration.opportunity-counts-synced.v1", OpportunityCountsSynced.class,
            "The open Salesforce opportunities per owner email were read for the organization.");
    public static final EventType<CalendarBusyTimesSynced> CALENDAR_BUSY_TIMES_SYNCED = integration(
            "kaigi.integration.calendar-busy-times-synced.v1", CalendarBusyTimesSynced.class,
            "A user's calendar busy times were read for a time window.");
    public static final EventType<MeetingConferenceCreated> MEETING_CONFERENCE_CREATED = integration(
            "kaigi.integration.meeting-conference-created.v1", MeetingConferenceCreated.class,
            "A booked meeting's conference link is ready and was sent to the host and the lead.");
    public static final EventType<MailboxBackupCompleted> MAILBOX_BACKUP_COMPLETED = integration(
            "kaigi.integration.mailbox-backup-completed.v1", MailboxBackupCompleted.class,
            "A deactivated user's mailbox backup completed.");

    // Declared after the constants: static initializers run in textual order.
    private static final List<EventType<?>> ALL = List.of(
            ORGANIZATION_CREATED, USER_INVITED, USER_JOINED, USER_DECLINED, USER_UPDATED, USER_DEACTIVATED,
            USER_ACTIVATED, USER_DELETED, USER_REMOVED, USER_CONVERTED, SUPER_ADMIN_TRANSFERRED,
            PERMISSION_PROFILE_SAVED, PERMISSION_PROFILE_DELETED, LEAD_ERASED,
            SEAT_ASSIGNED, SEAT_RELEASED, TEAM_LICENCES_DISABLED, PLAN_CHANGED,
            MEETING_BOOKED, MEETING_CANCELLED, MEETING_REASSIGNED, MEETING_RESCHEDULED,
            ZOOM_LINKED, ZOOM_UNLINKED, CALENDAR_LINKED, CALENDAR_UNLINKED, OPPORTUNITY_COUNTS_SYNCED,
            CALENDAR_BUSY_TIMES_SYNCED, MEETING_CONFERENCE_CREATED, MAILBOX_BACKUP_COMPLETED);
    // toMap throws on a duplicate key, so two types with one name or one payload fail at class loading.
    private static final Map<String, EventType<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType<?>> BY_PAYLOAD_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private EventTypes() {
    }

    /** Every event type, grouped by producing service. */
    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The type with this CloudEvents {@code type} name; empty for an unknown (e.g. newer) type. */
    public static Optional<EventType<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * The type whose payload is {@code payloadType}.
     *
     * @throws IllegalArgumentException if no event type has that payload
     */
    @SuppressWarnings("unchecked") // BY_PAYLOAD_TYPE maps each payload class to the type declared with it
    public static <P extends EventPayload> EventType<P> of(Class<P> payloadType) {
        EventType<?> type = BY_PAYLOAD_TYPE.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException("No event type has payload " + payloadType.getName());
        }
        return (EventType<P>) type;
    }

    private static <P extends EventPayload> EventType<P> user(String name, Class<P> payloadType, String description) {
        return new EventType<>(name, Topics.USER, EventSources.USER_SERVICE, payloadType, description);
    }

    private static <P extends EventPayload> EventType<P> licensing(
            String name, Class<P> payloadType, String description) {
        return new EventType<>(name, Topics.LICENSING, EventSources.LICENSING_SERVICE, payloadType, description);
    }

    private static <P extends EventPayload> EventType<P> scheduling(
            String name, Class<P> payloadType, String description) {
        return new EventType<>(name, Topics.SCHEDULING, EventSources.SCHEDULING_SERVICE, payloadType, description);
    }

    private static <P extends EventPayload> EventType<P> integration(
            String name, Class<P> payloadType, String description) {
        return new EventType<>(name, Topics.INTEGRATION, EventSources.INTEGRATION_SERVICE, payloadType, description);
    }
}
