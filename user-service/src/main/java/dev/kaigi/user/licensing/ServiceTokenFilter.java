package dev.kaigi.user.licensing;

import dev.kaigi.user.security.ServiceAccountTokens;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Puts the service account's bearer token on calls to other Kaigi services. */
@jakarta.enterprise.context.ApplicationScoped
public class ServiceTokenFilter implements ClientRequestFilter {

    @Inject
    ServiceAccountTokens tokens;

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token());
    }
}
