package dev.kaigi.user.peer;

import dev.kaigi.user.licensing.ServiceTokenFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The other services' internal APIs, called with user-service's service-account token. Their base
 * URLs are configuration ({@code kaigi.peers.*-url}); a call that cannot be answered throws, and each
 * caller decides what a missing answer means for its request.
 */
@ApplicationScoped
public class PeerServices {

    private final Map<Peer, PeerApi> apis = new EnumMap<>(Peer.class);

    @Inject
    PeerServices(@ConfigProperty(name = "kaigi.peers.licensing-url") URI licensing,
                 @ConfigProperty(name = "kaigi.peers.scheduling-url") URI scheduling,
                 @ConfigProperty(name = "kaigi.peers.integration-url") URI integration,
                 @ConfigProperty(name = "kaigi.peers.connect-timeout", defaultValue = "2s") Duration connectTimeout,
                 @ConfigProperty(name = "kaigi.peers.read-timeout", defaultValue = "10s") Duration readTimeout,
                 ServiceTokenFilter token) {
        apis.put(Peer.LICENSING, client(licensing, connectTimeout, readTimeout, token));
        apis.put(Peer.SCHEDULING, client(scheduling, connectTimeout, readTimeout, token));
        apis.put(Peer.INTEGRATION, client(integration, connectTimeout, readTimeout, token));
    }

    public PeerApi of(Peer peer) {
        return apis.get(peer);
    }

    private static PeerApi client(URI base, Duration connectTimeout, Duration readTimeout, ServiceTokenFilter token) {
        return RestClientBuilder.newBuilder().baseUri(base)
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(token)
                .build(PeerApi.class);
    }
}
