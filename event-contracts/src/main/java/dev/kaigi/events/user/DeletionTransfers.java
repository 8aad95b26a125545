package dev.kaigi.events.user;

import dev.kaigi.events.Nullable;
import java.util.UUID;

/**
 * Who takes over what a deleted user leaves, per category (LIF-05); an absent heir leaves that
 * category to the rules that apply without a transfer (meetings go to the pools, MTG-05).
 *
 * @param futureBookings who takes the meetings that have not started, where they are eligible
 * @param poolMemberships who takes the places in host pools
 * @param salesforceRecords who becomes the Salesforce owner of the open opportunities
 * @param notificationSubscriptions who takes the booking notification subscriptions
 */
public record DeletionTransfers(
        @Nullable UUID futureBookings,
        @Nullable UUID poolMemberships,
        @Nullable UUID salesforceRecords,
        @Nullable UUID notificationSubscriptions) {

    /** Everything to one heir, or nothing to anybody when {@code heir} is null (LIF-02). */
    public static DeletionTransfers allTo(UUID heir) {
        return new DeletionTransfers(heir, heir, heir, heir);
    }

    /** The heir of one category; null when it goes to nobody. */
    public UUID heirOf(TransferCategory category) {
        return switch (category) {
            case FUTURE_BOOKINGS -> futureBookings;
            case POOL_MEMBERSHIPS -> poolMemberships;
            case SALESFORCE_RECORDS -> salesforceRecords;
            case NOTIFICATION_SUBSCRIPTIONS -> notificationSubscriptions;
        };
    }
}
