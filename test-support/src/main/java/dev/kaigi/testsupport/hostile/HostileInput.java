package dev.kaigi.testsupport.hostile;

import dev.kaigi.testsupport.db.DatabaseSnapshot;
import dev.kaigi.testsupport.openapi.ServedOpenApi;
import dev.kaigi.testsupport.openapi.ServedOpenApi.Operation;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write operation (POST, PUT, PATCH, DELETE) of the served OpenAPI document gets the bad requests
 * {@link BadRequests} generates from its schema, and every operation's query parameters get control
 * characters (SEC-03); each must be answered 4xx with an
 * error document (problem+json, or SCIM's error where SCIM says so), never 5xx, and the database must
 * be the same after each operation's requests as before (if not, the requests are replayed one by one to
 * name the one that changed it). The seed is printed and can be set with {@code -Dkaigi.hostile.seed}.
 */
public final class HostileInput {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final Function<Operation, String> tokens;
    private final Supplier<DatabaseSnapshot> snapshot;
    private BiFunction<String, String, String> pathParameters = (path, name) -> UUID.randomUUID().toString();
    private final Map<String, String> errorMediaTypes = new LinkedHashMap<>();
    private final Map<String, String> skipped = new LinkedHashMap<>();
    private int valueMutationsPerProperty = 3;

    private HostileInput(Function<Operation, String> tokens, Supplier<DatabaseSnapshot> snapshot) {
        this.tokens = tokens;
        this.snapshot = snapshot;
    }

    /**
     * @param tokens   the bearer token that passes each operation's authorization (null for none), so the bad
     *                 requests reach parsing and validation
     * @param snapshot the database's state
     */
    public static HostileInput of(Function<Operation, String> tokens, Supplier<DatabaseSnapshot> snapshot) {
        return new HostileInput(tokens, snapshot);
    }

    /** Values for path parameters of operations with a body (ids that exist, so validation is reached): (template, name) → value. */
    public HostileInput pathParameters(BiFunction<String, String, String> values) {
        this.pathParameters = values;
        return this;
    }

    /** Errors under {@code pathPrefix} use {@code mediaType} rather than application/problem+json (SCIM's own, RFC 7644 §3.12). */
    public HostileInput errorMediaType(String pathPrefix, String mediaType) {
        errorMediaTypes.put(pathPrefix, mediaType);
        return this;
    }

    public HostileInput valueMutationsPerProperty(int count) {
        this.valueMutationsPerProperty = count;
        return this;
    }

    /** Leaves an operation out, saying why (the report lists it). */
    public HostileInput skip(String key, String why) {
        skipped.put(key, why);
        return this;
    }

    /** Sends every bad request; fails listing every wrong answer and every change to the database. */
    public void assertEveryBadRequestIsRefusedAndChangesNothing() {
        long seed = Long.getLong("kaigi.hostile.seed", System.nanoTime());
        BadRequests generator = new BadRequests(new SchemaValues(ServedOpenApi.fetch()), new Random(seed), valueMutationsPerProperty);
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        int operations = 0;
        long started = System.nanoTime();
        for (Operation op : ServedOpenApi.fetch().operations()) {
            if (skipped.containsKey(op.key())) {
                continue;
            }
            List<BadRequest> bad = new ArrayList<>(generator.queries(op, pathParameters));
            if (op.writes()) {
                bad.addAll(generator.of(op, pathParameters));
            }
            if (bad.isEmpty()) {
                continue;
            }
            operations++;
            DatabaseSnapshot before = snapshot.get();
            for (BadRequest r : bad) {
                requests++;
                String problem = check(op, r);
                if (problem != null) {
                    wrong.add(op.key() + " with " + r.what() + ": " + problem);
                }
            }
            List<String> changed = snapshot.get().changesSince(before);
            if (!changed.isEmpty()) {
                wrong.add(op.key() + " changed the database: " + changed + culprit(op, bad));
            }
        }
        System.out.printf("hostile input: %d bad requests over %d endpoints (%d left out: %s), seed %d, %d ms%n",
                requests, operations, skipped.size(), skipped, seed, (System.nanoTime() - started) / 1_000_000);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + requests + " bad requests were not refused cleanly (seed " + seed
                + ", rerun with -Dkaigi.hostile.seed=" + seed + "):\n" + String.join("\n", wrong));
    }

    /** Null when the answer is a clean refusal, else what is wrong with it. */
    private String check(Operation op, BadRequest r) {
        Response response = send(op, r);
        int status = response.statusCode();
        String type = response.contentType() == null ? "" : response.contentType();
        String expectedType = errorMediaTypes.entrySet().stream().filter(e -> r.path().startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("application/problem+json");
        boolean idempotentDeleteOfNothing = op.method().equals("DELETE") && r.what().endsWith("=" + BadRequests.NO_SUCH_ID) && status == 204;
        if (idempotentDeleteOfNothing) {
            return null; // the database check still proves it removed nothing
        }
        if (status < 400 || status >= 500) {
            return status + " " + abbreviate(response.asString());
        }
        if (!type.startsWith(expectedType)) {
            return status + " as '" + type + "', not " + expectedType + ": " + abbreviate(response.asString());
        }
        return null;
    }

    private Response send(Operation op, BadRequest r) {
        int client = CLIENTS.incrementAndGet();
        RequestSpecification request = given().urlEncodingEnabled(false)
                .header("X-Forwarded-For", "10.9." + (client >> 8 & 255) + "." + (client & 255));
        String token = tokens.apply(op);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (r.body() != null) {
            request.contentType(r.contentType()).body(r.body());
        }
        return request.request(op.method(), r.path());
    }

    /** Replays the operation's requests one by one to find the first that changes the database. */
    private String culprit(Operation op, List<BadRequest> bad) {
        for (BadRequest r : bad) {
            DatabaseSnapshot before = snapshot.get();
            send(op, r);
            if (!snapshot.get().changesSince(before).isEmpty()) {
                return " — first by: " + r.what();
            }
        }
        return " — no single request changes it when replayed (something in the background?)";
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
