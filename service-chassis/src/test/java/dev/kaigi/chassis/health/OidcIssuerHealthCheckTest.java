package dev.kaigi.chassis.health;

import com.sun.net.httpserver.HttpServer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OIDC issuer check asks the issuer's discovery document, within the timeout. */
class OidcIssuerHealthCheckTest {

    private static final HealthConfig NO_CACHE = new HealthConfig() {
        @Override
        public Duration cacheFor() {
            return Duration.ZERO;
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(2);
        }
    };

    private HttpServer issuer;
    private volatile int answer = 200;

    @BeforeEach
    void startIssuer() throws IOException {
        issuer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer.createContext("/realms/kaigi/.well-known/openid-configuration", exchange -> {
            byte[] body = "{\"issuer\":\"http://issuer/realms/kaigi\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuer.start();
    }

    @AfterEach
    void stopIssuer() {
        issuer.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/kaigi/";
    }

    @Test
    @DisplayName("Wellness: UP while the discovery document answers, DOWN with its status when it fails")
    void followsTheDiscoveryDocument() {
        OidcIssuerHealthCheck check = new OidcIssuerHealthCheck(Optional.of(url()), NO_CACHE);
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        answer = 503;
        HealthCheckResponse failing = check.call();
        assertEquals(HealthCheckResponse.Status.DOWN, failing.getStatus());
        assertEquals(503L, failing.getData().orElseThrow().get("status"));
    }

    @Test
    @DisplayName("Wellness: an issuer nobody listens at is DOWN within the timeout")
    void unreachableIssuerIsDown() {
        String dead = "http://127.0.0.1:9/realms/kaigi"; // the discard port: nobody listens
        long started = System.nanoTime();
        HealthCheckResponse response = new OidcIssuerHealthCheck(Optional.of(dead), NO_CACHE).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(3)) < 0, "waited too long");
    }

    @Test
    @DisplayName("Wellness: a service verifying tokens with a configured public key has no issuer to ask: UP")
    void noIssuerConfigured() {
        HealthCheckResponse response = new OidcIssuerHealthCheck(Optional.empty(), NO_CACHE).call();
        assertEquals(HealthCheckResponse.Status.UP, response.getStatus());
    }
}
