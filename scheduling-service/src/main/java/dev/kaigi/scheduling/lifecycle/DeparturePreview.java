package dev.kaigi.scheduling.lifecycle;

import dev.kaigi.events.internal.TransferPreview;
import dev.kaigi.events.internal.TransferPreview.CategoryPreview;
import dev.kaigi.events.internal.TransferPreview.TransferItem;
import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.scheduling.booking.HostDeparture;
import dev.kaigi.scheduling.booking.HostDeparture.PlannedHandOver;
import dev.kaigi.scheduling.host.HostReadModel;
import dev.kaigi.scheduling.host.HostStatus;
import dev.kaigi.scheduling.meetingtype.HostPools;
import dev.kaigi.scheduling.meetingtype.HostPools.PoolPlace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * LIF-05's preview of the two categories scheduling keeps: which future meetings the heir could take
 * (the others go to the pools or are cancelled, MTG-05) and which pool places they would take. It
 * asks the same questions {@link UserLifecycleEvents} asks when the deletion comes, and writes nothing.
 */
@ApplicationScoped
class DeparturePreview {

    @Inject
    HostDeparture bookings;
    @Inject
    HostPools pools;
    @Inject
    HostReadModel hosts;

    @Transactional
    TransferPreview preview(UUID orgId, UUID userId, DeletionTransfers heirs, Instant now) {
        return new TransferPreview(List.of(futureBookings(orgId, userId, heirs.futureBookings(), now),
                poolMemberships(orgId, userId, heirs.poolMemberships())));
    }

    private CategoryPreview futureBookings(UUID orgId, UUID userId, UUID heir, Instant now) {
        List<TransferItem> moving = new ArrayList<>();
        List<TransferItem> notMoving = new ArrayList<>();
        for (PlannedHandOver planned : bookings.plan(orgId, userId, heir, now)) {
            String label = planned.booking().meetingTypeName + " " + planned.booking().startsAt;
            String id = planned.booking().id.toString();
            planned.notToHeirBecause().ifPresentOrElse(
                    reason -> notMoving.add(new TransferItem("booking", id, label, reason)),
                    () -> moving.add(new TransferItem("booking", id, label, null)));
        }
        return new CategoryPreview(TransferCategory.FUTURE_BOOKINGS, heir, moving, notMoving);
    }

    private CategoryPreview poolMemberships(UUID orgId, UUID userId, UUID heir) {
        String heirCannot = heir == null || heir.equals(userId) ? "no-heir"
                : hosts.statusOf(orgId, heir).filter(s -> s == HostStatus.ACTIVE).isEmpty() ? "heir-not-host" : null;
        List<TransferItem> moving = new ArrayList<>();
        List<TransferItem> notMoving = new ArrayList<>();
        for (PoolPlace place : pools.placesOf(orgId, userId, heir)) {
            String id = place.meetingTypeId().toString();
            String reason = heirCannot != null ? heirCannot : place.heirAlreadyThere() ? "heir-already-in-pool" : null;
            (reason == null ? moving : notMoving).add(new TransferItem("meeting-type", id, place.meetingTypeName(), reason));
        }
        return new CategoryPreview(TransferCategory.POOL_MEMBERSHIPS, heir, moving, notMoving);
    }
}
