package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/** Payload of {@code kaigi.user.declined.v1}: an invited user declined and left the organization (INV-02). */
public record UserDeclined(
        UUID orgId,
        UUID userId,
        String email) implements EventPayload {

    public UserDeclined {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(email, "email");
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
