package dev.kaigi.integration.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.EnumMap;
import java.util.Map;

/** The client of each {@link Provider}. */
@ApplicationScoped
public class OAuthProviders {

    private final Map<Provider, OAuthProvider> clients = new EnumMap<>(Provider.class);

    @Inject
    public OAuthProviders(@Any Instance<OAuthProvider> all) {
        all.forEach(client -> clients.put(client.provider(), client));
    }

    public OAuthProvider of(Provider provider) {
        OAuthProvider client = clients.get(provider);
        if (client == null) {
            throw new IllegalStateException("no client for " + provider);
        }
        return client;
    }
}
