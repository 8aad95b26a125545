package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.joined.v1}: a user became a member of the organization. Carries the whole
 * profile other services keep a copy of, so a consumer can create its read-model row from this event alone.
 * @param contact the customer-facing contact (問合せ先) leads see for this user as their host (USR-08)
 * @param permissionProfileId the user's permission profile, whose permissions every service enforces (USR-07)
 */
public record UserJoined(
        UUID orgId,
        UUID userId,
        String email,
        String lastName,
        String firstName,
        Role role,
        UserType userType,
        UserStatus status,
        JoinedVia joinedVia,
        @Nullable String slackMemberId,
        @Nullable String zoomPersonalMeetingUrl,
        @Nullable String emailSignature,
        @Nullable String contact,
        @Nullable UUID permissionProfileId) implements EventPayload {

    public UserJoined {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(joinedVia, "joinedVia");
    }

    /** The event of a user without a customer-facing contact. */
    public UserJoined(UUID orgId, UUID userId, String email, String lastName, String firstName, Role role,
            UserType userType, UserStatus status, JoinedVia joinedVia, @Nullable String slackMemberId,
            @Nullable String zoomPersonalMeetingUrl, @Nullable String emailSignature) {
        this(orgId, userId, email, lastName, firstName, role, userType, status, joinedVia, slackMemberId,
                zoomPersonalMeetingUrl, emailSignature, null, null);
    }

    /** The event of a user whose permission profile is not said. */
    public UserJoined(UUID orgId, UUID userId, String email, String lastName, String firstName, Role role,
            UserType userType, UserStatus status, JoinedVia joinedVia, @Nullable String slackMemberId,
            @Nullable String zoomPersonalMeetingUrl, @Nullable String emailSignature, @Nullable String contact) {
        this(orgId, userId, email, lastName, firstName, role, userType, status, joinedVia, slackMemberId,
                zoomPersonalMeetingUrl, emailSignature, contact, null);
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
