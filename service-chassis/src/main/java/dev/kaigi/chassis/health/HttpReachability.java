package dev.kaigi.chassis.health;

import org.eclipse.microprofile.health.HealthCheckResponse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether a URL of another system answers a GET with 2xx within a short timeout: how a service tells that the
 * token issuer or a peer service is there. The answer's body is not read into the check.
 */
public final class HttpReachability {

    private final HttpClient client;
    private final Duration timeout;

    public HttpReachability(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    /** {@code path} under a configured base URL, whether or not that ends with a slash. */
    public static URI under(String base, String path) {
        return URI.create(base.replaceAll("/+$", "") + path);
    }

    public HealthCheckResponse check(String name, URI url) {
        var response = HealthCheckResponse.named(name).withData("url", url.toString());
        try {
            int status = client.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return response.status(status / 100 == 2).withData("status", status).build();
        } catch (IOException e) {
            return response.down().withData("error", e.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "interrupted").build();
        }
    }
}
