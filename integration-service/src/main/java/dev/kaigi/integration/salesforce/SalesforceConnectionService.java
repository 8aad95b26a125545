package dev.kaigi.integration.salesforce;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.integration.connection.ProviderConnections;
import dev.kaigi.integration.connection.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.UUID;

/** The organization's Salesforce connection, as the API shows it (the OAuth flow is {@link ProviderConnections}'). */
@ApplicationScoped
public class SalesforceConnectionService {

    private static final Set<Provider> SALESFORCE = Set.of(Provider.SALESFORCE);

    @Inject
    ProviderConnections connections;

    /** Connects (or re-connects) the organization; started by {@code by}, owned by the organization. */
    public SalesforceConnectionView complete(UUID orgId, UUID by, String code, String state) {
        return SalesforceConnectionView.of(connections.complete(SALESFORCE, orgId, by, null, code, state, linked -> null));
    }

    /** 404 {@code salesforce-not-connected} when the organization has no connection. */
    public SalesforceConnectionView get(UUID orgId) {
        return connections.owned(orgId, null, SALESFORCE).map(SalesforceConnectionView::of)
                .orElseThrow(() -> new ProblemException(404, "salesforce-not-connected"));
    }

    public void disconnect(UUID orgId) {
        connections.disconnect(orgId, null, SALESFORCE, removed -> null);
    }
}
