package dev.kaigi.events.scheduling;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.scheduling.meeting-rescheduled.v1}: a booked meeting moved to another
 * start (MTG-03), kept by its host or, when they could not take the new time, given to another host
 * of the pool. Carries the meeting before and after, so integration-service can move or recreate the
 * Zoom meeting and the calendar event and tell everyone without a copy of the booking.
 *
 * @param previousHostUserId the host before the move; equal to {@code hostUserId} when the host kept it
 * @param hostTimeZone the (new) host's time zone
 * @param leadTimeZone the zone the lead's times are shown in
 * @param calendarUid the iCalendar UID of the booking's invitations (MTG-01)
 * @param sequence the updated invitation's SEQUENCE
 * @param reason free text given by whoever moved it
 * @param reminderMinutesBefore when the lead is reminded of the meeting, in minutes before it starts (MTG-07); none when
 *        absent
 */
public record MeetingRescheduled(
        UUID orgId,
        UUID bookingId,
        UUID meetingTypeId,
        String meetingTypeName,
        ConferencingMethod conferencingMethod,
        Instant previousStartsAt,
        Instant previousEndsAt,
        UUID previousHostUserId,
        Instant startsAt,
        Instant endsAt,
        UUID hostUserId,
        String hostTimeZone,
        String leadName,
        String leadEmail,
        @Nullable String leadCompany,
        String leadLocale,
        String leadTimeZone,
        String calendarUid,
        int sequence,
        MeetingActor actor,
        @Nullable String reason,
        @Nullable List<Integer> reminderMinutesBefore) implements EventPayload {

    public MeetingRescheduled {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(meetingTypeId, "meetingTypeId");
        Objects.requireNonNull(meetingTypeName, "meetingTypeName");
        Objects.requireNonNull(conferencingMethod, "conferencingMethod");
        Objects.requireNonNull(previousStartsAt, "previousStartsAt");
        Objects.requireNonNull(previousEndsAt, "previousEndsAt");
        Objects.requireNonNull(previousHostUserId, "previousHostUserId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(hostUserId, "hostUserId");
        Objects.requireNonNull(hostTimeZone, "hostTimeZone");
        Objects.requireNonNull(leadName, "leadName");
        Objects.requireNonNull(leadEmail, "leadEmail");
        Objects.requireNonNull(leadLocale, "leadLocale");
        Objects.requireNonNull(leadTimeZone, "leadTimeZone");
        Objects.requireNonNull(calendarUid, "calendarUid");
        Objects.requireNonNull(actor, "actor");
        reminderMinutesBefore = reminderMinutesBefore == null ? null : List.copyOf(reminderMinutesBefore);
    }

    /** The event of a meeting without reminders. */
    public MeetingRescheduled(UUID orgId, UUID bookingId, UUID meetingTypeId, String meetingTypeName,
            ConferencingMethod conferencingMethod, Instant previousStartsAt, Instant previousEndsAt,
            UUID previousHostUserId, Instant startsAt, Instant endsAt, UUID hostUserId, String hostTimeZone,
            String leadName, String leadEmail, @Nullable String leadCompany, String leadLocale, String leadTimeZone,
            String calendarUid, int sequence, MeetingActor actor, @Nullable String reason) {
        this(orgId, bookingId, meetingTypeId, meetingTypeName, conferencingMethod, previousStartsAt, previousEndsAt,
                previousHostUserId, startsAt, endsAt, hostUserId, hostTimeZone, leadName, leadEmail, leadCompany,
                leadLocale, leadTimeZone, calendarUid, sequence, actor, reason, null);
    }

    /** Whether the meeting changed hands with the move. */
    public boolean hostChanged() {
        return !previousHostUserId.equals(hostUserId);
    }

    /**
     * The (new) host's id (EVT-03). A consumer orders a move to another host after the old host's
     * events by {@code sequence}.
     */
    @Override
    public String partitionKey() {
        return hostUserId.toString();
    }
}
