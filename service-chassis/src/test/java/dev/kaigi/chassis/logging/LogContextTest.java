package dev.kaigi.chassis.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.chassis.testapp.UserActivatedRecorder;
import dev.kaigi.events.user.UserActivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.testsupport.logs.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logging context (MDC) of requests and events, read from the JSON lines production writes.
 */
@QuarkusTest
class LogContextTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    UserActivatedRecorder recorder;

    @Test
    @DisplayName("Logging context: a request's lines carry the caller's orgId and userId, a partner's its clientId, "
            + "a service's its clientId; the next request keeps none of them")
    void requestLinesCarryTheCaller() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String run = UUID.randomUUID().toString();
        try (CapturedLog log = CapturedLog.start()) {
            logLine(TestTokens.user(org, user, "member"), "user-" + run);
            logLine(TestTokens.partner(org, "bookings:read"), "partner-" + run);
            logLine(TestTokens.service("scheduling-service"), "service-" + run);
            logLine(null, "anonymous-" + run);

            JsonNode ofUser = mdcOf(log, "probe log line user-" + run);
            assertEquals(org.toString(), ofUser.path(LogKeys.ORG_ID).asText());
            assertEquals(user.toString(), ofUser.path(LogKeys.USER_ID).asText());
            assertTrue(ofUser.path(LogKeys.CLIENT_ID).isMissingNode(), "a user's line names no client: " + ofUser);

            JsonNode ofPartner = mdcOf(log, "probe log line partner-" + run);
            assertEquals(org.toString(), ofPartner.path(LogKeys.ORG_ID).asText());
            assertEquals("partner-" + org, ofPartner.path(LogKeys.CLIENT_ID).asText());
            assertTrue(ofPartner.path(LogKeys.USER_ID).isMissingNode(), "a partner's line names no user: " + ofPartner);

            JsonNode ofService = mdcOf(log, "probe log line service-" + run);
            assertEquals("scheduling-service", ofService.path(LogKeys.CLIENT_ID).asText());
            assertTrue(ofService.path(LogKeys.ORG_ID).isMissingNode(), "a service has no organization: " + ofService);

            JsonNode ofAnonymous = mdcOf(log, "probe log line anonymous-" + run);
            for (String key : new String[] {LogKeys.ORG_ID, LogKeys.USER_ID, LogKeys.CLIENT_ID}) {
                assertTrue(ofAnonymous.path(key).isMissingNode(), key + " left over from an earlier request: " + ofAnonymous);
            }
        }
    }

    @Test
    @DisplayName("Logging context: the lines of an event's application and of its retry carry its eventId, eventType "
            + "and orgId; a request's lines do not")
    void eventLinesCarryTheEvent() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        recorder.failTransientlyFor(user, 1);
        try (CapturedLog log = CapturedLog.start()) {
            UUID eventId = TestEvents.publish(new UserActivated(org, user, UserType.REGULAR));
            Await.until("the event applied", () -> recorder.appliedInOrder().contains(user), WAIT);
            logLine(null, "after-" + eventId);

            JsonNode applying = mdcOf(log, "applying user-activated of " + user);
            assertEquals(eventId.toString(), applying.path(LogKeys.EVENT_ID).asText());
            assertEquals("kaigi.user.activated.v1", applying.path(LogKeys.EVENT_TYPE).asText());
            assertEquals(org.toString(), applying.path(LogKeys.ORG_ID).asText());

            // other tests' events may be retried meanwhile: this event's retry is the line that names it
            assertTrue(log.jsonLines().stream().anyMatch(l -> l.path("message").asText().contains("hit a transient failure")
                            && eventId.toString().equals(l.path("mdc").path(LogKeys.EVENT_ID).asText())),
                    "no retry line carries the event's id");

            JsonNode request = mdcOf(log, "probe log line after-" + eventId);
            assertTrue(request.path(LogKeys.EVENT_ID).isMissingNode(), "a request is no event: " + request);
        }
    }

    private static void logLine(String token, String note) {
        var request = given().queryParam("note", note);
        if (token != null) {
            request.auth().oauth2(token);
        }
        request.get("/api/v1/probe/log-line").then().statusCode(200);
    }

    /** The logging context of the first JSON line whose message contains {@code text}. */
    private static JsonNode mdcOf(CapturedLog log, String text) {
        Optional<JsonNode> line = log.jsonLines().stream()
                .filter(l -> l.path("message").asText().contains(text)).findFirst();
        assertTrue(line.isPresent(), "no line '" + text + "' among " + log.jsonLines().size());
        return line.get().path("mdc");
    }
}
