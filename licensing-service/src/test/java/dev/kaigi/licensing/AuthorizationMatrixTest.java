package dev.kaigi.licensing;

import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8: every endpoint of the served OpenAPI document, called by every kind of caller, with the
 * status each must get written down below. An endpoint added without a row fails the test, so
 * nothing escapes it. Ids in the calls belong to the fixture organization; the other
 * organization's OWNER must never see them (404) nor reach the internal API (403).
 */
@QuarkusTest
class AuthorizationMatrixTest {

    /**
     * The callers, in the order of the expectations below; then DEACTIVATED, an OWNER whom user-service's
     * events showed deactivated, whose still-valid token must be refused (401) on every endpoint.
     */
    enum CallerKind { ANONYMOUS, EXPIRED, TAMPERED, RESTRICTED, MEMBER, MANAGER, OWNER, OTHER_ORG_OWNER, PARTNER, SERVICE, DEACTIVATED }

    /** The fixture a call is made against: a fresh organization with seats, a user with a seat, and a user without. */
    record Fixture(UUID org, UUID seated, UUID unseated, String assignmentId, UUID deactivated) {
    }

    /** One endpoint: how to call it, and the status per caller kind (same order as {@link CallerKind}). */
    record Row(Function<Fixture, String> path, Function<Fixture, String> body, int... expected) {
    }

    private static final int[] ANY_MEMBER_OF_THE_ORG = {401, 401, 401, 200, 200, 200, 200, 200, 403, 403};

    /**
     * The table. "seat" calls are the internal API user-service uses (service role only); the
     * organization's own calls use the token's organization, so the other organization's OWNER
     * reading "the subscription" reads their own (200), but an assignment id of ours is 404.
     */
    private static final Map<String, Row> MATRIX = new LinkedHashMap<>();

    static {
        MATRIX.put("GET /api/v1/caller", new Row(f -> "/api/v1/caller", f -> null,
                401, 401, 401, 200, 200, 200, 200, 200, 200, 200));
        MATRIX.put("POST /api/v1/internal/organizations/{orgId}/seat-batches", new Row(
                f -> "/api/v1/internal/organizations/" + f.org() + "/seat-batches",
                f -> "{\"pool\":\"REGULAR\",\"userIds\":[\"" + f.unseated() + "\"]}",
                401, 401, 401, 403, 403, 403, 403, 403, 403, 200));
        MATRIX.put("POST /api/v1/internal/organizations/{orgId}/seat-batches/return", new Row(
                f -> "/api/v1/internal/organizations/" + f.org() + "/seat-batches/return",
                f -> "{\"userIds\":[\"" + f.seated() + "\"]}",
                401, 401, 401, 403, 403, 403, 403, 403, 403, 204));
        MATRIX.put("PUT /api/v1/internal/organizations/{orgId}/users/{userId}/seat", new Row(
                f -> "/api/v1/internal/organizations/" + f.org() + "/users/" + f.unseated() + "/seat",
                f -> "{\"pool\":\"REGULAR\"}",
                401, 401, 401, 403, 403, 403, 403, 403, 403, 200));
        MATRIX.put("DELETE /api/v1/internal/organizations/{orgId}/users/{userId}/seat", new Row(
                f -> "/api/v1/internal/organizations/" + f.org() + "/users/" + f.seated() + "/seat", f -> null,
                401, 401, 401, 403, 403, 403, 403, 403, 403, 204));
        MATRIX.put("GET /api/v1/internal/organizations/{orgId}/users/{userId}/seat", new Row(
                f -> "/api/v1/internal/organizations/" + f.org() + "/users/" + f.seated() + "/seat", f -> null,
                401, 401, 401, 403, 403, 403, 403, 403, 403, 200));
        MATRIX.put("GET /api/v1/seat-assignments", new Row(f -> "/api/v1/seat-assignments", f -> null,
                ANY_MEMBER_OF_THE_ORG));
        MATRIX.put("POST /api/v1/seat-assignments", new Row(f -> "/api/v1/seat-assignments",
                f -> "{\"userId\":\"" + f.unseated() + "\",\"pool\":\"REGULAR\"}",
                401, 401, 401, 403, 403, 403, 201, 404, 403, 403));
        MATRIX.put("DELETE /api/v1/seat-assignments/{id}", new Row(f -> "/api/v1/seat-assignments/" + f.assignmentId(), f -> null,
                401, 401, 401, 403, 403, 403, 204, 404, 403, 403));
        MATRIX.put("GET /api/v1/seat-assignments/{id}", new Row(f -> "/api/v1/seat-assignments/" + f.assignmentId(), f -> null,
                401, 401, 401, 404, 404, 404, 200, 404, 403, 403));
        MATRIX.put("GET /api/v1/subscription", new Row(f -> "/api/v1/subscription", f -> null, ANY_MEMBER_OF_THE_ORG));
        MATRIX.put("PUT /api/v1/subscription/plan", new Row(f -> "/api/v1/subscription/plan", f -> "{\"plan\":\"STANDARD\"}",
                401, 401, 401, 403, 403, 403, 200, 200, 403, 403));
        MATRIX.put("POST /api/v1/subscription/seats", new Row(f -> "/api/v1/subscription/seats",
                f -> "{\"pool\":\"REGULAR\",\"quantity\":1}",
                401, 401, 401, 403, 403, 403, 200, 200, 403, 403));
        MATRIX.put("PUT /api/v1/subscription/seats/{pool}", new Row(f -> "/api/v1/subscription/seats/REGULAR",
                f -> "{\"purchased\":20}",
                401, 401, 401, 403, 403, 403, 200, 200, 403, 403));
        MATRIX.put("PUT /api/v1/subscription/team-licences", new Row(f -> "/api/v1/subscription/team-licences",
                f -> "{\"enabled\":false}", // enabling needs a plan with team licences: 409 on FREE
                401, 401, 401, 403, 403, 403, 200, 200, 403, 403));
    }

    @Inject
    LicensingFixtures fixtures;

    @Test
    @DisplayName("every served endpoint has a row: a new endpoint cannot escape the matrix")
    void everyEndpointHasARow() {
        JsonPath openapi = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        TreeSet<String> served = new TreeSet<>();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> List.of("get", "post", "put", "patch", "delete").contains(m))
                .forEach(m -> served.add(m.toUpperCase() + " " + path)));
        assertEquals(served, new TreeSet<>(MATRIX.keySet()), "endpoints without a row (or rows without an endpoint)");
    }

    @Test
    @DisplayName("each caller gets exactly the status written down for each endpoint")
    void everyCellAnswersAsWrittenDown() {
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Map.Entry<String, Row> e : MATRIX.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            for (CallerKind kind : CallerKind.values()) {
                Fixture f = fixture();
                Row row = e.getValue();
                RequestSpecification request = as(kind, f).contentType(ContentType.JSON);
                String body = row.body().apply(f);
                if (body != null) {
                    request.body(body);
                }
                int status = request.request(method, row.path().apply(f)).statusCode();
                int expected = kind == CallerKind.DEACTIVATED ? 401 : row.expected()[kind.ordinal()];
                cells++;
                if (status != expected) {
                    wrong.add(e.getKey() + " as " + kind + ": " + status + ", expected " + expected);
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + cells + " cells differ:\n" + String.join("\n", wrong));
    }

    private Fixture fixture() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 10);
        UUID seated = fixtures.user(org, UserType.REGULAR);
        UUID unseated = fixtures.user(org, UserType.REGULAR);
        String id = LicensingFixtures.owner(org).body("{\"userId\":\"" + seated + "\",\"pool\":\"REGULAR\"}")
                .post("/api/v1/seat-assignments").then().statusCode(201).extract().path("id");
        UUID deactivated = fixtures.user(org, UserType.REGULAR);
        fixtures.deactivate(org, deactivated);
        return new Fixture(org, seated, unseated, id, deactivated);
    }

    private static RequestSpecification as(CallerKind kind, Fixture f) {
        UUID org = f.org();
        UUID someone = UUID.randomUUID();
        String token = switch (kind) {
            case ANONYMOUS -> null;
            case EXPIRED -> TestTokens.expired(org, someone, "owner");
            case TAMPERED -> TestTokens.tampered(org, someone);
            case RESTRICTED -> TestTokens.user(org, someone, "restricted");
            case MEMBER -> TestTokens.user(org, someone, "member");
            case MANAGER -> TestTokens.user(org, someone, "manager");
            case OWNER -> TestTokens.user(org, someone, "owner");
            case OTHER_ORG_OWNER -> TestTokens.user(UUID.randomUUID(), someone, "owner");
            case PARTNER -> TestTokens.partner(org);
            case SERVICE -> TestTokens.service("user-service");
            case DEACTIVATED -> TestTokens.user(org, f.deactivated(), "owner");
        };
        return token == null ? given() : given().auth().oauth2(token);
    }
}
