package dev.kaigi.faults.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.faults.history.Op.Outcome;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The five operations over HTTP, each classified as the history needs it: a 2xx is OK, a 4xx FAIL
 * (the service answered that it did nothing), a connection that was never made FAIL, anything else
 * (a timeout, a connection cut mid-request, a 5xx) UNKNOWN.
 */
final class Calls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static String bookingBody(UUID meetingTypeId, String start, String leadEmail) {
        return """
                {"meetingTypeId":"%s","start":"%s","lead":{"name":"Lead","email":"%s","company":"Customer KK","locale":"ja"}}"""
                .formatted(meetingTypeId, start, leadEmail);
    }

    static String seatBody(String userId) {
        return "{\"userId\":\"" + userId + "\",\"pool\":\"REGULAR\"}";
    }

    Op book(String baseUri, String token, Op op, UUID meetingTypeId, String start) {
        return send(op, post(baseUri + "/api/v1/bookings", token, bookingBody(meetingTypeId, start, op.leadEmail))
                .header("Idempotency-Key", op.key).build());
    }

    Op cancel(String baseUri, String token, Op op) {
        return send(op, post(baseUri + "/api/v1/bookings/" + op.target + "/cancel", token, "{\"reason\":\"history\"}").build());
    }

    Op reschedule(String baseUri, String token, Op op) {
        return send(op, post(baseUri + "/api/v1/bookings/" + op.booking() + "/reschedule", token,
                "{\"start\":\"" + op.start() + "\"}").build());
    }

    Op assign(String baseUri, String token, Op op) {
        return send(op, post(baseUri + "/api/v1/seat-assignments", token, seatBody(op.target))
                .header("Idempotency-Key", op.key).build());
    }

    Op unassign(String baseUri, String token, Op op) {
        return send(op, HttpRequest.newBuilder(URI.create(baseUri + "/api/v1/seat-assignments/" + op.target)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token).DELETE().build());
    }

    private static HttpRequest.Builder post(String uri, String token, String body) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Op send(Op op, HttpRequest request) {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            return op.complete(Outcome.FAIL, 0, null, "not connected: " + e);
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                return op.complete(Outcome.FAIL, 0, null, "not connected: " + e.getCause());
            }
            return op.complete(Outcome.UNKNOWN, 0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return op.complete(Outcome.UNKNOWN, 0, null, "interrupted");
        }
        int status = r.statusCode();
        if (status >= 200 && status < 300) {
            return op.complete(Outcome.OK, status, idIn(r.body()), replayed(r));
        }
        String code = codeIn(r.body());
        return op.complete(status >= 400 && status < 500 ? Outcome.FAIL : Outcome.UNKNOWN, status, null, code);
    }

    private static String replayed(HttpResponse<String> r) {
        return r.headers().firstValue("Idempotent-Replayed").map(v -> "replayed").orElse(null);
    }

    private static UUID idIn(String body) {
        try {
            JsonNode id = body == null || body.isBlank() ? null : JSON.readTree(body).get("id");
            return id == null ? null : UUID.fromString(id.asText());
        } catch (IOException e) {
            return null;
        }
    }

    private static String codeIn(String body) {
        try {
            JsonNode code = JSON.readTree(body).get("code");
            return code == null ? body : code.asText();
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }
}
