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
 * @param reason free text given by whoever cancelled, or the system's reason (e.g. the host was deleted)
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
        @Nullable String reason) implements EventPayload {

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

    @Override
    public String partitionKey() {
        return hostUserId.toString();
    }
}
