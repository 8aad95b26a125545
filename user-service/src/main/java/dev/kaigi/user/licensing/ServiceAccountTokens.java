package dev.kaigi.user.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String cached;
    private Instant refreshAfter = Instant.EPOCH;

    public synchronized String token() {
        if (fixedToken.isPresent()) {
            return fixedToken.get();
        }
        if (cached == null || Instant.now().isAfter(refreshAfter)) {
            fetch();
        }
        return cached;
    }

    private void fetch() {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + r.statusCode());
            }
            JsonNode body = json.readTree(r.body());
            cached = body.get("access_token").asText();
            long lifetime = body.path("expires_in").asLong(60);
            refreshAfter = Instant.now().plusSeconds(Math.max(5, lifetime - 30));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not obtain the service account token", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
