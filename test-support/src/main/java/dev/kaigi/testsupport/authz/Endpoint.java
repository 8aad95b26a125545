package dev.kaigi.testsupport.authz;

import dev.kaigi.events.user.ProfilePermission;
import io.restassured.specification.RequestSpecification;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One row of an authorization table: how to call the endpoint against a fixture {@code F}, and the
 * status each {@link CallerKind} must get (in the enum's order).
 */
public final class Endpoint<F> {

    private final String key;
    private final Function<F, String> path;
    private final Function<F, String> body;
    private final int[] expected;
    private final Map<String, Function<F, String>> headers = new LinkedHashMap<>();
    private String contentType = "application/json";
    private BiConsumer<F, RequestSpecification> request = (f, r) -> { };
    private String partnerScope;
    private boolean tenantIds = true;
    private boolean changesFixture;
    private ProfilePermission profileEntry;
    private int withoutProfileEntry;

    Endpoint(String key, Function<F, String> path, Function<F, String> body, int[] expected) {
        if (expected.length != CallerKind.WRITTEN_DOWN.size()) {
            throw new IllegalArgumentException(key + ": " + expected.length + " statuses for "
                    + CallerKind.WRITTEN_DOWN.size() + " caller kinds " + CallerKind.WRITTEN_DOWN);
        }
        this.key = key;
        this.path = path;
        this.body = body;
        this.expected = expected.clone();
        this.changesFixture = !method().equals("GET");
    }

    /** A write that changes nothing when it succeeds (a dry run): the fixture is kept after a 2xx. */
    public Endpoint<F> changesNothing() {
        this.changesFixture = false;
        return this;
    }

    boolean changesFixture() {
        return changesFixture;
    }

    /**
     * The permission-profile catalogue entry (USR-07) a user needs beside the role: an OWNER whose profile
     * lacks it is refused (403).
     */
    public Endpoint<F> inProfileAs(ProfilePermission entry) {
        return inProfileAs(entry, 403);
    }

    /**
     * The same, where an OWNER whose profile lacks {@code entry} gets {@code status}: 404 where the entry
     * widens what the caller sees (all bookings) and the fixture's record is not theirs.
     */
    public Endpoint<F> inProfileAs(ProfilePermission entry, int status) {
        this.profileEntry = entry;
        this.withoutProfileEntry = status;
        return this;
    }

    /** The partner scope that opens this endpoint (a partner without it must be refused). */
    public Endpoint<F> partnerScope(String scope) {
        this.partnerScope = scope;
        return this;
    }

    public Endpoint<F> contentType(String type) {
        this.contentType = type;
        return this;
    }

    public Endpoint<F> header(String name, Function<F, String> value) {
        headers.put(name, value);
        return this;
    }

    /** Anything else the call needs (a multipart upload, query parameters), applied to each request. */
    public Endpoint<F> request(BiConsumer<F, RequestSpecification> customiser) {
        this.request = customiser;
        return this;
    }

    /**
     * The ids in this path are not the organization's records (an invitation token, a public booking
     * id, a SCIM schema name), so the rule "another organization gets 404" does not apply.
     */
    public Endpoint<F> notTenantIds() {
        this.tenantIds = false;
        return this;
    }

    public String key() {
        return key;
    }

    public String method() {
        return key.substring(0, key.indexOf(' '));
    }

    public String path(F fixture) {
        return path.apply(fixture);
    }

    public String body(F fixture) {
        return body.apply(fixture);
    }

    public int expected(CallerKind kind) {
        if (kind == CallerKind.OWNER_WITHOUT_PROFILE_PERMISSIONS && profileEntry != null) {
            return withoutProfileEntry;
        }
        return expected[kind.column().ordinal()];
    }

    public String partnerScope() {
        return partnerScope;
    }

    public String contentType() {
        return contentType;
    }

    void customise(F fixture, RequestSpecification spec) {
        request.accept(fixture, spec);
    }

    public Map<String, Function<F, String>> headers() {
        return headers;
    }

    /** Whether the path names the organization's own records (then another organization must get 404). */
    public boolean hasTenantIds() {
        return tenantIds && key.contains("{");
    }
}
