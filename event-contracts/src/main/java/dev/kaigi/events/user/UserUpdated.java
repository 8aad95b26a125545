package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.updated.v1}: a user's profile changed. Carries the profile after the change,
 * not a diff, so a consumer that missed an update is corrected by the next one.
 *
 * @param changedFields names of the profile components whose value changed, e.g. {@code role}, {@code email},
 *                      {@code contact}
 * @param contact the customer-facing contact (問合せ先) leads see for this user as their host (USR-08)
 * @param permissionProfileId the user's permission profile, whose permissions every service enforces (USR-07)
 */
public record UserUpdated(
        UUID orgId,
        UUID userId,
        String email,
        String lastName,
        String firstName,
        Role role,
        UserType userType,
        @Nullable String slackMemberId,
        @Nullable String zoomPersonalMeetingUrl,
        @Nullable String emailSignature,
        List<String> changedFields,
        @Nullable String contact,
        @Nullable UUID permissionProfileId) implements EventPayload {

    public UserUpdated {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(userType, "userType");
        changedFields = List.copyOf(Objects.requireNonNull(changedFields, "changedFields"));
    }

    /** The event of a user without a customer-facing contact. */
    public UserUpdated(UUID orgId, UUID userId, String email, String lastName, String firstName, Role role,
            UserType userType, @Nullable String slackMemberId, @Nullable String zoomPersonalMeetingUrl,
            @Nullable String emailSignature, List<String> changedFields) {
        this(orgId, userId, email, lastName, firstName, role, userType, slackMemberId, zoomPersonalMeetingUrl,
                emailSignature, changedFields, null, null);
    }

    /** The event of a user whose permission profile is not said. */
    public UserUpdated(UUID orgId, UUID userId, String email, String lastName, String firstName, Role role,
            UserType userType, @Nullable String slackMemberId, @Nullable String zoomPersonalMeetingUrl,
            @Nullable String emailSignature, List<String> changedFields, @Nullable String contact) {
        this(orgId, userId, email, lastName, firstName, role, userType, slackMemberId, zoomPersonalMeetingUrl,
                emailSignature, changedFields, contact, null);
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
