package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import dev.kaigi.events.Nullable;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.deleted.v1}: the user is deleted for good (LIF-02, LIF-05).
 *
 * @param transferToUserId the one heir of every category, when the super admin chose one for all; absent when
 *     nothing is transferred or the heirs differ per category
 * @param byUserId the super admin who deleted the user
 * @param transfers the heir of each category; absent in events written before heirs were chosen per category,
 *     where {@code transferToUserId} is the heir of all
 */
public record UserDeleted(
        UUID orgId,
        UUID userId,
        @Nullable UUID transferToUserId,
        UUID byUserId,
        @Nullable DeletionTransfers transfers) implements EventPayload {

    public UserDeleted {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(byUserId, "byUserId");
    }

    /** A deletion handing everything to {@code heir}, or nothing to anybody when it is null (LIF-02). */
    public UserDeleted(UUID orgId, UUID userId, UUID heir, UUID byUserId) {
        this(orgId, userId, heir, byUserId, DeletionTransfers.allTo(heir));
    }

    /** The heir of {@code category}; null when that category goes to nobody. */
    public UUID heirOf(TransferCategory category) {
        return transfers == null ? transferToUserId : transfers.heirOf(category);
    }

    @Override
    public String partitionKey() {
        return userId.toString();
    }
}
