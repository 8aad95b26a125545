package dev.kaigi.events.scheduling;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.scheduling.meeting-booked.v1}: a lead booked a meeting and a host was assigned (SCH-08).
 * Carries what the Zoom meeting, calendar event, Slack mention and mails need (INT-01, INT-02, INT-04, INT-05).
 *
 * @param hostTimeZone IANA zone id the host's times are shown in
 * @param leadLocale language of the lead's mails, e.g. {@code ja} or {@code en}
 * @param leadTimeZone the zone the lead's times are shown in (an IANA id, or the offset the lead booked with)
 * @param calendarUid the iCalendar UID of the booking's invitations ({@link MeetingCalendar#uid})
 * @param sequence the invitation's SEQUENCE: 0 when booked, raised by every change (MTG-01)
 * @param reminderMinutesBefore when the lead is reminded of the meeting, in minutes before it starts (MTG-07); none when
 *        absent
 */
public record MeetingBooked(
        UUID orgId,
        UUID bookingId,
        UUID meetingTypeId,
        String meetingTypeName,
        UUID hostUserId,
        Instant startsAt,
        Instant endsAt,
        String hostTimeZone,
        ConferencingMethod conferencingMethod,
        String leadName,
        String leadEmail,
        @Nullable String leadCompany,
        String leadLocale,
        @Nullable String leadTimeZone,
        @Nullable String calendarUid,
        @Nullable Integer sequence,
        @Nullable List<Integer> reminderMinutesBefore) implements EventPayload {

    public MeetingBooked {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(meetingTypeId, "meetingTypeId");
        Objects.requireNonNull(meetingTypeName, "meetingTypeName");
        Objects.requireNonNull(hostUserId, "hostUserId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(hostTimeZone, "hostTimeZone");
        Objects.requireNonNull(conferencingMethod, "conferencingMethod");
        Objects.requireNonNull(leadName, "leadName");
        Objects.requireNonNull(leadEmail, "leadEmail");
        Objects.requireNonNull(leadLocale, "leadLocale");
        reminderMinutesBefore = reminderMinutesBefore == null ? null : List.copyOf(reminderMinutesBefore);
    }

    /** The event of a meeting without reminders. */
    public MeetingBooked(UUID orgId, UUID bookingId, UUID meetingTypeId, String meetingTypeName, UUID hostUserId,
            Instant startsAt, Instant endsAt, String hostTimeZone, ConferencingMethod conferencingMethod,
            String leadName, String leadEmail, @Nullable String leadCompany, String leadLocale,
            @Nullable String leadTimeZone, @Nullable String calendarUid, @Nullable Integer sequence) {
        this(orgId, bookingId, meetingTypeId, meetingTypeName, hostUserId, startsAt, endsAt, hostTimeZone,
                conferencingMethod, leadName, leadEmail, leadCompany, leadLocale, leadTimeZone, calendarUid, sequence,
                null);
    }

    /** The host's id, so that a host's bookings and their own user events share a partition (EVT-03). */
    @Override
    public String partitionKey() {
        return hostUserId.toString();
    }
}
