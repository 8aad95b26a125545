package dev.kaigi.events.integration;

import dev.kaigi.events.EventPayload;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.integration.opportunity-counts-synced.v1}: Salesforce was read (INT-03). The list is
 * complete: an owner missing from it has no open opportunity.
 */
public record OpportunityCountsSynced(
        UUID orgId,
        Instant syncedAt,
        List<OwnerOpportunityCount> counts) implements EventPayload {

    public OpportunityCountsSynced {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(syncedAt, "syncedAt");
        counts = List.copyOf(Objects.requireNonNull(counts, "counts"));
    }

    @Override
    public String partitionKey() {
        return orgId.toString();
    }
}
