package dev.kaigi.user.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * The bearer token user-service presents to other Kaigi services: a fixed one when configured
 * ({@code kaigi.service-account.token}, for local runs and tests), otherwise one obtained from the
 * identity provider with the client-credentials grant and reused until shortly before it expires.
 */
@ApplicationScoped
public class ServiceAccountTokens {

    @Inject
    @ConfigProperty(name = "kaigi.service-account.token")
    Optional<String> fixedToken;
    @Inject
    @ConfigProperty(name = "kaigi.service-account.token-url")
    String tokenUrl;
    @Inject
    @ConfigProperty(name = "kaigi.service-account.client-id")
    String clientId;
    @Inject
    @ConfigProperty(name = "kaigi.service-account.client-secret")
    String clientSecret;
    @Inject
    ObjectMapper json;

    private ClientCredentialsGrant grant;

    @PostConstruct
    void init() {
        grant = new ClientCredentialsGrant(tokenUrl, clientId, clientSecret, json);
    }

    public String token() {
        return fixedToken.orElseGet(grant::token);
    }
}
