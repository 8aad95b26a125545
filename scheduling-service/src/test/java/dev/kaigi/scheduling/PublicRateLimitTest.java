package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.ScrapedMetrics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each public booking endpoint — the page, its availability and booking — is limited per
 * client address (20 requests per window in tests): the next request is 429 problem+json with a
 * Retry-After in whole seconds, while another address still gets through.
 */
@QuarkusTest
class PublicRateLimitTest {

    private static final int LIMIT = 20;

    @Test
    @DisplayName("Page, availability and booking answer 429 with Retry-After past the per-address limit")
    void everyPublicEndpointIsRateLimited() {
        String page = publicPage("Limited");
        String day = LocalDate.now().plusDays(8).toString();
        assertLimited(page, r -> r.get(page));
        assertLimited(page + "/availability", r -> r.queryParam("from", day).queryParam("to", day).queryParam("timeZone", "Asia/Tokyo")
                .get(page + "/availability"));
        // bad bookings count too: a flood of invalid requests is still a flood
        assertLimited(page + "/bookings", r -> r.contentType("application/json").body("{}").post(page + "/bookings"));
    }

    @Test
    @DisplayName("Metrics: a 429 counts on /q/metrics under its endpoint's route, not under the address asked for")
    void rateLimitedRequestsAreMeteredPerEndpoint() {
        String page = publicPage("Metered");
        Map<String, String> limitedPages = Map.of("uri", "/api/v1/public/booking-pages/{publicId}", "method", "GET",
                "status", "429");
        double before = ScrapedMetrics.now("http_server_requests_seconds_count", limitedPages);
        assertLimited(page, r -> r.get(page));
        // the server records a request once its answer is sent, a moment after the client has it
        Await.until("the 429 on /q/metrics",
                () -> ScrapedMetrics.now("http_server_requests_seconds_count", limitedPages) == before + 1);
    }

    /** The public booking page of a new meeting type of a new organization. */
    private static String publicPage(String name) {
        Org org = Org.create("Asia/Tokyo");
        UUID host = host(org, ScheduleBody.in("Asia/Tokyo"));
        return "/api/v1/public/booking-pages/" + meetingType(org, name, 30, "PHONE", 30, host).path("publicBookingId");
    }

    private static void assertLimited(String what, Function<RequestSpecification, Response> call) {
        String address = "10.77." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        for (int i = 0; i < LIMIT; i++) {
            int status = call.apply(given().header("X-Forwarded-For", address)).statusCode();
            assertTrue(status != 429, what + ": request " + (i + 1) + " of " + LIMIT + " was limited");
        }
        Response limited = call.apply(given().header("X-Forwarded-For", address));
        assertEquals(429, limited.statusCode(), what);
        assertTrue(limited.contentType().startsWith("application/problem+json"), what + ": " + limited.contentType());
        assertEquals("rate-limited", limited.path("code"), what);
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, what + ": Retry-After " + retryAfter);
        String another = "10.78." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250);
        assertTrue(call.apply(given().header("X-Forwarded-For", another)).statusCode() != 429, what + ": another address");
    }
}
