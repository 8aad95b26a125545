package dev.kaigi.user.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * An OAuth 2.0 client-credentials grant against one token endpoint, with the access token reused
 * until shortly before it expires.
 */
public final class ClientCredentialsGrant {

    private final URI tokenUrl;
    private final String form;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String cached;
    private Instant refreshAfter = Instant.EPOCH;

    public ClientCredentialsGrant(String tokenUrl, String clientId, String clientSecret, ObjectMapper json) {
        this.tokenUrl = URI.create(tokenUrl);
        this.form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        this.json = json;
    }

    /** A valid access token; throws {@link IllegalStateException} when the endpoint cannot give one. */
    public synchronized String token() {
        if (cached == null || Instant.now().isAfter(refreshAfter)) {
            fetch();
        }
        return cached;
    }

    /** Forgets the token, e.g. after a 401 from the server it was shown to. */
    public synchronized void invalidate() {
        cached = null;
    }

    private void fetch() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(tokenUrl)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token endpoint " + tokenUrl + " answered " + r.statusCode());
            }
            JsonNode body = json.readTree(r.body());
            cached = body.get("access_token").asText();
            long lifetime = body.path("expires_in").asLong(60);
            refreshAfter = Instant.now().plusSeconds(Math.max(5, lifetime - 30));
        } catch (IOException e) {
            throw new IllegalStateException("could not reach the token endpoint " + tokenUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
