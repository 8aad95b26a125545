package dev.kaigi.integration.salesforce;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What became of a deleted user's open Salesforce opportunities (LIF-05), as an OWNER reads it.
 *
 * @param status {@code IN_PROGRESS} (moving, or held by a Salesforce outage until the retry), {@code COMPLETED} (all
 *     moved), {@code PARTIAL} (some refused, see {@code failed}), {@code NOTHING_TO_MOVE},
 *     {@code HEIR_NOT_IN_SALESFORCE} (the heir has no active Salesforce user with their email), {@code RELINK_REQUIRED}
 *     (the organization's connection must be renewed) or {@code REFUSED} (Salesforce refused to be read; see detail)
 * @param moved how many opportunities now belong to the heir's Salesforce user
 * @param failed the opportunities Salesforce did not move, each with its errors
 */
public record OwnershipTransferView(UUID id, UUID deletedUserId, UUID heirUserId, String status, int moved,
                                    List<FailedRecord> failed, String detail, Instant transferredAt) {

    /** An opportunity Salesforce refused to move, with Salesforce's errors ({@code statusCode}, {@code message}, {@code fields}). */
    public record FailedRecord(String id, List<SalesforceClient.SaveError> errors) {
    }
}
