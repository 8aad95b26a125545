package dev.kaigi.user.lifecycle;

import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.TransferCategory;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/users/{id}/deletion} (LIF-05).
 *
 * @param heirs who takes each category; a null heir leaves that category to nobody
 * @param dryRun true: change nothing, answer what would move
 */
@Schema(name = "DeletionRequest")
public record DeletionRequest(@NotNull DeletionTransfers heirs, boolean dryRun) {

    /** The request field naming a category's heir, for the problem that refuses it. */
    public static String fieldOf(TransferCategory category) {
        return "heirs." + switch (category) {
            case FUTURE_BOOKINGS -> "futureBookings";
            case POOL_MEMBERSHIPS -> "poolMemberships";
            case SALESFORCE_RECORDS -> "salesforceRecords";
            case NOTIFICATION_SUBSCRIPTIONS -> "notificationSubscriptions";
        };
    }
}
