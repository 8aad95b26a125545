package dev.kaigi.integration.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/**
 * The body of a delivery, as Standard Webhooks lays it out: what happened ({@code type}), when, and its
 * {@code data}. The data is what a partner needs of the event, never more: no tokens, nothing of another organization.
 */
@Schema(name = "WebhookMessage")
public record WebhookMessage(
        @Schema(description = "The event type, e.g. meeting.booked") String type,
        @Schema(description = "When the event happened") Instant timestamp,
        Object data) {

    /**
     * A booking's step (meeting.booked, .rescheduled, .reassigned, .cancelled): the meeting as it is after it.
     *
     * @param sequence raised by every step of the booking: a receiver that sees a lower one than it has seen
     *                 already has an older step
     * @param previousHostUserId the host before a reassignment, or before a reschedule that changed hands
     * @param previousStartsAt the start before a reschedule
     * @param reason why it was cancelled, rescheduled or reassigned, when said
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "WebhookMeetingData")
    public record MeetingData(UUID orgId, UUID bookingId, int sequence, UUID meetingTypeId, String meetingTypeName,
                              UUID hostUserId, UUID previousHostUserId, Instant startsAt, Instant endsAt,
                              Instant previousStartsAt, ConferencingMethod conferencingMethod, String leadName,
                              String leadEmail, String leadCompany, String reason) {

        /** The same step naming no one (SEC-04): the lead erased, as the meeting's own effects show it. */
        MeetingData withoutLead() {
            return new MeetingData(orgId, bookingId, sequence, meetingTypeId, meetingTypeName, hostUserId,
                    previousHostUserId, startsAt, endsAt, previousStartsAt, conferencingMethod, LeadErased.ERASED,
                    LeadErased.ERASED, null, reason);
        }
    }

    /** A user invited or joined: who, and as what. */
    @Schema(name = "WebhookUserData")
    public record UserData(UUID orgId, UUID userId, String email, String lastName, String firstName, Role role,
                           UserType userType) {
    }

    /** A user deactivated, and why. */
    @Schema(name = "WebhookUserDeactivatedData")
    public record UserDeactivatedData(UUID orgId, UUID userId, UserType userType, DeactivationReason reason) {
    }

    /**
     * A user deleted.
     *
     * @param transferToUserId who took over the user's records, when one user took all
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "WebhookUserDeletedData")
    public record UserDeletedData(UUID orgId, UUID userId, UUID transferToUserId) {
    }

    /**
     * A seat assigned to a user or released.
     *
     * @param reason why it was released; null for an assignment
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @Schema(name = "WebhookSeatData")
    public record SeatData(UUID orgId, UUID userId, SeatPool pool, SeatReleaseReason reason) {
    }
}
