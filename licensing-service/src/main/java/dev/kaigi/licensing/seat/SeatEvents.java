package dev.kaigi.licensing.seat;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.events.user.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A user leaving the organization frees their seat. Each event is applied once (the chassis inbox),
 * so a redelivered event never releases a seat twice; licensing's database only, so batchable.
 */
@ApplicationScoped
class SeatEvents implements EventSubscriber {

    @Inject
    SeatService seats;

    @Override
    public void subscribe(EventSubscriptions on) {
        // LIF-01: a deactivated user's seat is released
        on.incoming(EventTypes.USER_DEACTIVATED, e -> seats.userLeft(e.data().orgId(), e.data().userId(),
                UserStatus.DEACTIVATED, SeatReleaseReason.USER_DEACTIVATED, e.time())).batchable();
        // LIF-02: a deleted user's seat is released
        on.incoming(EventTypes.USER_DELETED, e -> seats.userLeft(e.data().orgId(), e.data().userId(),
                UserStatus.DELETED, SeatReleaseReason.USER_DELETED, e.time())).batchable();
        // LIF-03: removing a user from the organization frees their seat
        on.incoming(EventTypes.USER_REMOVED, e -> seats.userLeft(e.data().orgId(), e.data().userId(),
                UserStatus.DELETED, SeatReleaseReason.USER_REMOVED, e.time())).batchable();
        // INV-02: a declined invitation frees the seat
        on.incoming(EventTypes.USER_DECLINED, e -> seats.userLeft(e.data().orgId(), e.data().userId(),
                UserStatus.DELETED, SeatReleaseReason.USER_DECLINED, e.time())).batchable();
    }
}
