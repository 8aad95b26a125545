package dev.kaigi.scheduling.publicpage;

import dev.kaigi.chassis.problem.ProblemResponses;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The token-less booking pages are limited per client address (a fixed window
 * per address, kept in memory per instance), so nobody can scrape availability or flood bookings.
 * Over the limit: 429 problem+json with {@code Retry-After} in seconds. Behind a proxy, enable
 * {@code quarkus.http.proxy.proxy-address-forwarding} so the address is the client's.
 */
@ApplicationScoped
public class PublicRateLimiter {

    static final String PUBLIC_PATHS = "/api/v1/public/";
    private static final int MAX_TRACKED = 100_000;

    private record Window(long startMillis, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    PublicBookingConfig config;
    @Inject
    ProblemResponses problems;

    @ServerRequestFilter
    public Response limit(ContainerRequestContext request, HttpServerRequest http, HttpHeaders headers, UriInfo uri) {
        if (!uri.getPath().startsWith(PUBLIC_PATHS)) {
            return null;
        }
        long wait = acquire(http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress(), System.currentTimeMillis());
        if (wait == 0) {
            return null;
        }
        Response problem = problems.build(429, "rate-limited", List.of(), new Object[] {wait}, headers, uri);
        return Response.fromResponse(problem).header("Retry-After", Long.toString(wait)).build();
    }

    /** 0 when the address may go on, else the seconds until its window ends. */
    long acquire(String address, long nowMillis) {
        long length = config.window().toMillis();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> nowMillis - w.startMillis() >= length);
        }
        Window w = windows.compute(address, (a, old) -> old == null || nowMillis - old.startMillis() >= length
                ? new Window(nowMillis, 1) : new Window(old.startMillis(), old.count() + 1));
        if (w.count() <= config.requestsPerWindow()) {
            return 0;
        }
        return Math.max(1, (w.startMillis() + length - nowMillis + 999) / 1000);
    }
}
