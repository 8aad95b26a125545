package dev.kaigi.events.integration;

import java.util.Objects;

/**
 * The number of open Salesforce opportunities of one owner; scheduling matches the owner to a host by email (SCH-04).
 */
public record OwnerOpportunityCount(
        String ownerEmail,
        int openOpportunities) {

    public OwnerOpportunityCount {
        Objects.requireNonNull(ownerEmail, "ownerEmail");
    }
}
