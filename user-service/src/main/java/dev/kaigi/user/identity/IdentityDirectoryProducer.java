package dev.kaigi.user.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.user.security.ClientCredentialsGrant;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Chooses the identity directory by configuration: Keycloak when {@code kaigi.identity.keycloak.enabled}. */
@ApplicationScoped
public class IdentityDirectoryProducer {

    private static final Logger LOG = Logger.getLogger(IdentityDirectoryProducer.class);

    @ConfigProperty(name = "kaigi.identity.keycloak.enabled", defaultValue = "false")
    boolean enabled;
    @ConfigProperty(name = "kaigi.identity.keycloak.url")
    String url;
    @ConfigProperty(name = "kaigi.identity.keycloak.realm")
    String realm;
    @ConfigProperty(name = "kaigi.identity.keycloak.client-id")
    String clientId;
    @ConfigProperty(name = "kaigi.identity.keycloak.client-secret")
    String clientSecret;
    @ConfigProperty(name = "kaigi.identity.keycloak.password-setup.client-id")
    String setupClientId;
    @ConfigProperty(name = "kaigi.identity.keycloak.password-setup.redirect-uri")
    String setupRedirectUri;

    @Produces
    @ApplicationScoped
    IdentityDirectory directory(ObjectMapper json) {
        if (!enabled) {
            LOG.info("identity provider sync is off (kaigi.identity.keycloak.enabled=false)");
            return new DisconnectedDirectory();
        }
        String tokenUrl = url.replaceAll("/+$", "") + "/realms/" + realm + "/protocol/openid-connect/token";
        return new KeycloakDirectory(url, realm, new ClientCredentialsGrant(tokenUrl, clientId, clientSecret, json), json,
                new KeycloakDirectory.PasswordSetup(setupClientId, setupRedirectUri));
    }
}
