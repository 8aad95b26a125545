package dev.kaigi.integration.salesforce;

import dev.kaigi.integration.connection.OAuthConnection;

import java.time.Instant;
import java.util.UUID;

/**
 * The organization's Salesforce link as the API shows it (INT-03): who granted access and which Salesforce
 * organization, never a token.
 *
 * @param relinkRequired Salesforce no longer accepts the link (revoked there): connect again
 * @param lastSyncOutcome {@code ok}, or why the last sync failed ({@code provider-unavailable}, ...)
 */
public record SalesforceConnectionView(String accountEmail, String salesforceOrganizationId, String instanceUrl,
                                       UUID linkedBy, Instant linkedAt, boolean relinkRequired, Instant lastSyncedAt,
                                       String lastSyncOutcome) {

    static SalesforceConnectionView of(OAuthConnection c) {
        return new SalesforceConnectionView(c.accountEmail, c.accountId, c.instanceUrl, c.linkedBy, c.linkedAt,
                c.relinkRequired, c.lastSyncedAt, c.lastSyncOutcome);
    }
}
