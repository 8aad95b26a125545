package dev.kaigi.events.scheduling;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.scheduling.meeting-cancelled.v1}: a booked meeting was cancelled. It
 * carries what integration-service needs to tell the host and the lead without a copy of the
 * booking: the meeting, its time in the host's zone, and the lead.
 *
 * @param reason free text given by whoever cancelled, or the system's reason (e.g. the host was deleted,
 *               or {@code host-unavailable} when no host of the pool could take it over: MTG-05)
 * @param meetingTypeId the meeting type, whose booking page a lead can book again on
 * @param leadTimeZone the zone the lead's times are shown in
 * @param calendarUid the iCalendar UID of the booking's invitations, which the cancellation names (MTG-01)
 * @param sequence the cancellation's SEQUENCE, above every invitation's sent before
 * @param actor who cancelled
 * The fields after {@code reason} are absent from events of producers older than they are.
 */
public record MeetingCancelled(
        UUID orgId,
        UUID bookingId,
        UUID hostUserId,
        String meetingTypeName,
        ConferencingMethod conferencingMethod,
        Instant startsAt,
        Instant endsAt,
        String hostTimeZone,
        String leadName,
        String leadEmail,
        @Nullable String leadCompany,
        String leadLocale,
        @Nullable String reason,
        @Nullable UUID meetingTypeId,
        @Nullable String leadTimeZone,
        @Nullable String calendarUid,
        @Nullable Integer sequence,
        @Nullable MeetingActor actor) implements EventPayload {

    public MeetingCancelled {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(hostUserId, "hostUserId");
        Objects.requireNonNull(meetingTypeName, "meetingTypeName");
        Objects.requireNonNull(conferencingMethod, "conferencingMethod");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(hostTimeZone, "hostTimeZone");
        Objects.requireNonNull(leadName, "leadName");
        Objects.requireNonNull(leadEmail, "leadEmail");
        Objects.requireNonNull(leadLocale, "leadLocale");
    }

    /** The host's id (EVT-03). */
    @Override
    public String partitionKey() {
        return hostUserId.toString();
    }
}
