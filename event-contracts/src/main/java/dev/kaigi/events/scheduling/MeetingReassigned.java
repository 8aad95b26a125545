package dev.kaigi.events.scheduling;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.scheduling.meeting-reassigned.v1}: a booked meeting moved to another
 * host (LIF-02). Like {@link MeetingBooked} it carries everything integration-service needs to set
 * the meeting up for the new host (link, mails, calendar) without a copy of the booking.
 *
 * @param hostTimeZone the new host's time zone
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
        ReassignmentReason reason) implements EventPayload {

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
    }

    /** The new host's id: the meeting now belongs to their stream of events. */
    @Override
    public String partitionKey() {
        return toHostUserId.toString();
    }
}
