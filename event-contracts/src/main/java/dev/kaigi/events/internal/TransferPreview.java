package dev.kaigi.events.internal;

import dev.kaigi.events.user.TransferCategory;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a deletion with transfer would move (LIF-05), as each service answers
 * {@code POST /api/v1/internal/organizations/{orgId}/users/{userId}/transfer-preview} with a
 * {@link dev.kaigi.events.user.DeletionTransfers} body for the categories it keeps; user-service joins
 * the answers into the super admin's preview.
 */
public record TransferPreview(List<CategoryPreview> categories) {

    public TransferPreview {
        categories = List.copyOf(categories);
    }

    /**
     * One category: what goes to the heir and what does not, each with why.
     *
     * @param heirUserId who would take it; null when it goes to nobody
     * @param moving what the heir would take
     * @param notMoving what stays or goes elsewhere, each with a {@link TransferItem#reason}
     */
    public record CategoryPreview(TransferCategory category, UUID heirUserId, List<TransferItem> moving, List<TransferItem> notMoving) {

        public CategoryPreview {
            Objects.requireNonNull(category, "category");
            moving = List.copyOf(moving);
            notMoving = List.copyOf(notMoving);
        }
    }

    /**
     * One thing a category holds.
     *
     * @param kind what it is, e.g. {@code booking}, {@code meeting-type}, {@code opportunity}
     * @param id its id in the service (or the provider) that keeps it
     * @param label what a person recognises it by: a meeting type's name, a booking's start, an opportunity's name
     * @param reason for an item that does not move, a stable code saying why (e.g. {@code heir-not-eligible}); null
     *     for one that moves
     */
    public record TransferItem(String kind, String id, String label, String reason) {

        public TransferItem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }
    }
}
