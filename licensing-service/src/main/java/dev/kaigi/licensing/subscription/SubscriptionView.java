package dev.kaigi.licensing.subscription;

import dev.kaigi.events.licensing.Plan;
import dev.kaigi.events.licensing.SeatPool;

import java.util.List;
import java.util.UUID;

/** A subscription with its seat counts, as the service hands it to the API. */
public record SubscriptionView(UUID orgId, Plan plan, boolean teamLicencesEnabled, boolean teamLicencesAvailableOnPlan,
                               List<Pool> pools, long version) {

    /** Seat counts of one licence type; available = purchased - assigned, never negative. */
    public record Pool(SeatPool pool, int purchased, int assigned, int available) {
    }
}
