package dev.kaigi.events.scheduling;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.scheduling.meeting-reassigned.v1}: a booked meeting moved to another
 * host (LIF-02). Like {@link MeetingBooked} it carries everything integration-service needs to set
 * the meeting up for the new host (link, mails, calendar) without a copy of the booking.
 *
 * @param hostTimeZone the new host's time zone
 * @param leadTimeZone the zone the lead's times are shown in
 * @param calendarUid the iCalendar UID of the booking's invitations (MTG-01)
 * @param sequence the updated invitation's SEQUENCE
 * @param actor who handed the meeting over ({@code SYSTEM} when its host could no longer host: MTG-05)
 * The fields after {@code reason} are absent from events of producers older than they are.
 * @param reminderMinutesBefore when the lead is reminded of the meeting, in minutes before it starts (MTG-07); none when
 *        absent
 */
public record MeetingReassigned(
        UUID orgId,
        UUID bookingId,
        UUID fromHostUserId,
        UUID toHostUserId,
        UUID meetingTypeId,
        String meetingTypeName,
        ConferencingMethod conferencingMethod,
        Instant startsAt,
        Instant endsAt,
        String hostTimeZone,
        String leadName,
        String leadEmail,
        @Nullable String leadCompany,
        String leadLocale,
        ReassignmentReason reason,
        @Nullable String leadTimeZone,
        @Nullable String calendarUid,
        @Nullable Integer sequence,
        @Nullable MeetingActor actor,
        @Nullable List<Integer> reminderMinutesBefore) implements EventPayload {

    public MeetingReassigned {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(fromHostUserId, "fromHostUserId");
        Objects.requireNonNull(toHostUserId, "toHostUserId");
        Objects.requireNonNull(meetingTypeId, "meetingTypeId");
        Objects.requireNonNull(meetingTypeName, "meetingTypeName");
        Objects.requireNonNull(conferencingMethod, "conferencingMethod");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(hostTimeZone, "hostTimeZone");
        Objects.requireNonNull(leadName, "leadName");
        Objects.requireNonNull(leadEmail, "leadEmail");
        Objects.requireNonNull(leadLocale, "leadLocale");
        Objects.requireNonNull(reason, "reason");
        reminderMinutesBefore = reminderMinutesBefore == null ? null : List.copyOf(reminderMinutesBefore);
    }

    /** The event of a meeting without reminders. */
    public MeetingReassigned(UUID orgId, UUID bookingId, UUID fromHostUserId, UUID toHostUserId, UUID meetingTypeId,
            String meetingTypeName, ConferencingMethod conferencingMethod, Instant startsAt, Instant endsAt,
            String hostTimeZone, String leadName, String leadEmail, @Nullable String leadCompany, String leadLocale,
            ReassignmentReason reason, @Nullable String leadTimeZone, @Nullable String calendarUid,
            @Nullable Integer sequence, @Nullable MeetingActor actor) {
        this(orgId, bookingId, fromHostUserId, toHostUserId, meetingTypeId, meetingTypeName, conferencingMethod,
                startsAt, endsAt, hostTimeZone, leadName, leadEmail, leadCompany, leadLocale, reason, leadTimeZone,
                calendarUid, sequence, actor, null);
    }

    /**
     * The new host's id (EVT-03): the meeting now belongs to their stream of events. A consumer
     * orders it after the events keyed by the old host by {@code sequence}.
     */
    @Override
    public String partitionKey() {
        return toHostUserId.toString();
    }
}
