package dev.kaigi.events.integration;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.scheduling.ConferencingMethod;

import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.integration.meeting-conference-created.v1}: the meeting link of a booked
 * meeting is ready (a Zoom meeting created for the host, or the host's personal meeting URL) and
 * was sent to the host and the lead (INT-01). Keyed by the host, like the booking's events.
 *
 * @param personalMeetingUrl true when the host's personal meeting URL was used instead of a new meeting
 */
public record MeetingConferenceCreated(
        UUID orgId,
        UUID bookingId,
        UUID hostUserId,
        ConferencingMethod conferencingMethod,
        String joinUrl,
        boolean personalMeetingUrl) implements EventPayload {

    public MeetingConferenceCreated {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(bookingId, "bookingId");
        Objects.requireNonNull(hostUserId, "hostUserId");
        Objects.requireNonNull(conferencingMethod, "conferencingMethod");
        Objects.requireNonNull(joinUrl, "joinUrl");
    }

    @Override
    public String partitionKey() {
        return hostUserId.toString();
    }
}
