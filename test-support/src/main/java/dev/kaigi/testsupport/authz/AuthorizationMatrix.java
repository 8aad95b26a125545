package dev.kaigi.testsupport.authz;

import dev.kaigi.testsupport.openapi.ServedOpenApi;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A service's authorization table, checked against the running service. Each row
 * is an endpoint with the status every {@link CallerKind} must get; {@link #assertEveryEndpointHasARow}
 * fails when the served OpenAPI document has an endpoint without a row, and
 * {@link #assertEveryCellAnswersAsWrittenDown} calls every cell and lists every wrong one at once,
 * with the row as it answered, ready to be read against the table.
 *
 * <p>A fixture is made when needed and kept until a call changed it (a write that answered 2xx),
 * so refused calls share one. Every call comes from its own client address ({@code X-Forwarded-For}), so
 * per-address rate limits of public pages do not count the table's calls against each other. The
 * chassis' {@code GET /api/v1/caller} has its row already, and a partner "without the scope" holds every
 * one of {@link #KAIGI_PARTNER_SCOPES} but the needed one.
 */
public final class AuthorizationMatrix<F> {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final Supplier<F> fixtures;
    private final Function<F, Callers> callers;
    private final Set<String> partnerScopes = new LinkedHashSet<>();
    private final Map<String, Endpoint<F>> rows = new LinkedHashMap<>();

    /** The partner scopes Kaigi knows (README "For partners"). */
    public static final List<String> KAIGI_PARTNER_SCOPES = List.of("users:read", "users:write", "schedules:read", "bookings:write", "scim",
            "webhooks:read", "webhooks:write");

    private AuthorizationMatrix(Supplier<F> fixtures, Function<F, Callers> callers) {
        this.fixtures = fixtures;
        this.callers = callers;
        partnerScopes.addAll(KAIGI_PARTNER_SCOPES);
        // the chassis' "who am I": any valid token but a revoked user's
        row("GET /api/v1/caller", f -> "/api/v1/caller", 401, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200);
    }

    /**
     * @param fixtures makes a fresh fixture (organization, users, records the paths name)
     * @param callers  who calls in a fixture
     */
    public static <F> AuthorizationMatrix<F> of(Supplier<F> fixtures, Function<F, Callers> callers) {
        return new AuthorizationMatrix<>(fixtures, callers);
    }

    /**
     * Adds a row.
     *
     * @param key      {@code "METHOD /path/{template}"} as in the OpenAPI document
     * @param path     the concrete path in a fixture
     * @param body     the request body in a fixture, or null for none
     * @param statuses one status per {@link CallerKind}, in its order
     */
    public Endpoint<F> row(String key, Function<F, String> path, Function<F, String> body, int... statuses) {
        Endpoint<F> row = new Endpoint<>(key, path, body, statuses);
        if (rows.put(key, row) != null) {
            throw new IllegalArgumentException("two rows for " + key);
        }
        return row;
    }

    /** A row without a body. */
    public Endpoint<F> row(String key, Function<F, String> path, int... statuses) {
        return row(key, path, f -> null, statuses);
    }

    public void assertEveryEndpointHasARow() {
        Set<String> served = ServedOpenApi.fetch().endpointKeys();
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(rows.keySet());
        Set<String> extra = new TreeSet<>(rows.keySet());
        extra.removeAll(served);
        assertEquals("", (missing.isEmpty() ? "" : "served endpoints without a row: " + missing + "\n")
                + (extra.isEmpty() ? "" : "rows for endpoints not served: " + extra), "the table must cover exactly what is served");
    }

    /** Calls every cell; fails listing every cell that answered otherwise and every row breaking the tenant rule. */
    public void assertEveryCellAnswersAsWrittenDown() {
        List<String> wrong = new ArrayList<>(tenantRuleViolations());
        Map<String, Map<CallerKind, Integer>> answered = new LinkedHashMap<>();
        F fixture = null;
        int cells = 0;
        int made = 0;
        long started = System.nanoTime();
        for (Endpoint<F> row : rows.values()) {
            Map<CallerKind, Integer> statuses = new EnumMap<>(CallerKind.class);
            for (CallerKind kind : CallerKind.values()) {
                if (fixture == null) {
                    fixture = fixtures.get();
                    made++;
                }
                int status = call(row, kind, fixture);
                cells++;
                statuses.put(kind, status);
                if (status != row.expected(kind)) {
                    wrong.add(row.key() + " as " + kind + ": " + status + ", expected " + row.expected(kind));
                }
                if (row.changesFixture() && status / 100 == 2) {
                    fixture = null; // the call changed it: the next one gets a fresh fixture
                }
            }
            answered.put(row.key(), statuses);
        }
        System.out.printf("authorization matrix: %d endpoints x %d caller kinds = %d cells, %d fixtures, %d ms%n",
                rows.size(), CallerKind.values().length, cells, made, (System.nanoTime() - started) / 1_000_000);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + cells + " cells differ from the table:\n" + String.join("\n", wrong)
                + "\n\nThe rows that differ, as answered (" + columns() + "):\n" + asAnswered(answered, wrong));
    }

    /** Another organization must never learn whether one of our ids exists: 404, unless even our super admin is refused. */
    private List<String> tenantRuleViolations() {
        List<String> violations = new ArrayList<>();
        for (Endpoint<F> row : rows.values()) {
            int other = row.expected(CallerKind.OTHER_ORG_SUPER_ADMIN);
            boolean closedToOrganizations = row.expected(CallerKind.SUPER_ADMIN) == 403;
            if (row.hasTenantIds() && other != 404 && !(closedToOrganizations && other == 403)) {
                violations.add(row.key() + ": the table gives another organization " + other + " for our ids; it must be 404");
            }
        }
        return violations;
    }

    private int call(Endpoint<F> row, CallerKind kind, F fixture) {
        String token = callers.apply(fixture).token(kind, row.partnerScope(), partnerScopes);
        int client = CLIENTS.incrementAndGet();
        RequestSpecification request = given().header("X-Forwarded-For", "10.8." + (client >> 8 & 255) + "." + (client & 255));
        if (token != null) {
            request.auth().oauth2(token);
        }
        row.headers().forEach((name, value) -> request.header(name, value.apply(fixture)));
        row.customise(fixture, request);
        String body = row.body(fixture);
        if (body != null) {
            request.contentType(row.contentType()).body(body);
        }
        return request.request(row.method(), row.path(fixture)).statusCode();
    }

    private static String columns() {
        return java.util.Arrays.stream(CallerKind.values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String asAnswered(Map<String, Map<CallerKind, Integer>> answered, List<String> wrong) {
        return answered.entrySet().stream()
                .filter(e -> wrong.stream().anyMatch(w -> w.startsWith(e.getKey() + " as ")))
                .map(e -> e.getKey() + ": " + e.getValue().values().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"));
    }
}
