package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.invited.v1}: a user was invited, or re-invited with a new token that voids
 * the previous one (INV-01, INV-03). Carries what the invitation mail needs.
 *
 * @param organizationName shown in the invitation mail
 * @param invitedByUserId absent when the invitation was not sent by a person (e.g. an import)
 * @param invitationToken the one-time token of the accept/decline link
 * @param locale language of the mail, e.g. {@code ja} or {@code en}
 */
public record UserInvited(
        UUID orgId,
        String organizationName,
        UUID userId,
        String email,
        String lastName,
        String firstName,
        Role role,
        UserType userType,
        @Nullable UUID invitedByUserId,
        String invitationToken,
        Instant expiresAt,
        String locale) implements EventPayload {

    public UserInvited {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(organizationName, "organizationName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(lastName, "lastName");
        Objects.requireNonNull(firstName, "firstName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(userType, "userType");
        Objects.requireNonNull(invitationToken, "invitationToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(locale, "locale");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
