package dev.kaigi.chassis.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} for create requests: a partner that lost an answer sends the
 * same request again with the same key and gets the first answer back ({@code Idempotent-Replayed:
 * true}) instead of a second resource; another request under a used key is refused (422
 * {@code idempotency-key-reused}). The key's record is written in the creation's own transaction
 * (the creation's {@code @Transactional} services join it): a creation that fails leaves no key, a
 * concurrent twin waits on the record's primary key and then replays. Keys are remembered for
 * {@code kaigi.idempotency.retention} (24 h), scoped to the caller's organization.
 */
@ApplicationScoped
public class IdempotentCreation {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    @Inject
    AgroalDataSource db;
    @Inject
    ObjectMapper json;
    @ConfigProperty(name = "kaigi.idempotency.retention", defaultValue = "24h")
    Duration retention;

    private final AtomicLong nextPurge = new AtomicLong();

    /**
     * Runs {@code create} once per key: without a key it simply runs; with one, the 2xx answer is
     * stored with the key and replayed for the same request.
     *
     * @param request what makes two requests "the same": method and path, and the body
     */
    public Response run(Caller caller, String key, String method, String path, Object request, Supplier<Response> create) {
        if (checkedKey(key) == null) {
            return create.get();
        }
        // keys are the organization's (a partner and its users share them), else the user's; a caller
        // with neither (a sign-up) has nothing to scope a key to
        String scope = caller.organization().or(caller::user).map(Object::toString)
                .orElseThrow(() -> ProblemException.invalidField(HEADER, "idempotency-key-unsupported"));
        String hash = fingerprint(method, path, request);
        purgeNowAndThen();
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = db.getConnection()) {
                if (!claim(c, scope, key, hash)) {
                    return replay(c, scope, key, hash);
                }
                Response created = create.get();
                return remember(c, scope, key, created);
            }
        });
    }

    /** {@code key} when absent (null) or well formed; 400 naming the header otherwise. */
    public static String checkedKey(String key) {
        if (key != null && !FORMAT.matcher(key).matches()) {
            throw ProblemException.invalidField(HEADER, "idempotency-key-format");
        }
        return key;
    }

    /** Forgets expired keys, at most once an hour per instance (a claim takes an expired key over anyway). */
    private void purgeNowAndThen() {
        long now = System.currentTimeMillis();
        long due = nextPurge.get();
        if (now < due || !nextPurge.compareAndSet(due, now + Duration.ofHours(1).toMillis())) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "delete from idempotency_record where created_at < now() - make_interval(secs => ?)")) {
                ps.setLong(1, retention.toSeconds());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("purging idempotency keys", e);
            }
        });
    }

    /** Takes the key, or finds it taken (waiting for a twin in flight); an expired record is taken over. */
    private boolean claim(Connection c, String scope, String key, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into idempotency_record (scope, key, request_hash, status) values (?, ?, ?, 0)
                on conflict (scope, key) do update set request_hash = excluded.request_hash, status = 0, location = null,
                    etag = null, body = null, created_at = now()
                where idempotency_record.created_at < now() - make_interval(secs => ?)
                """)) {
            ps.setString(1, scope);
            ps.setString(2, key);
            ps.setString(3, hash);
            ps.setLong(4, retention.toSeconds());
            return ps.executeUpdate() == 1;
        }
    }

    private Response replay(Connection c, String scope, String key, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select request_hash, status, location, etag, body from idempotency_record where scope = ? and key = ?")) {
            ps.setString(1, scope);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ProblemException(409, "conflict"); // vanished between the two statements: let the client retry
                }
                if (!rs.getString(1).equals(hash)) {
                    throw new ProblemException(422, "idempotency-key-reused", List.of(new FieldViolation(HEADER, "idempotency-key-reused", null)));
                }
                Response.ResponseBuilder r = Response.status(rs.getInt(2)).header(REPLAYED, "true");
                Optional.ofNullable(rs.getString(3)).ifPresent(l -> r.location(URI.create(l)));
                Optional.ofNullable(rs.getString(4)).ifPresent(t -> r.header("ETag", t));
                Optional.ofNullable(rs.getString(5)).ifPresent(b -> r.entity(b).type(MediaType.APPLICATION_JSON));
                return r.build();
            }
        }
    }

    /** Stores the answer with the key; returns it with its body as the stored JSON, so first answer and replays are alike. */
    private Response remember(Connection c, String scope, String key, Response created) throws SQLException {
        String body = created.hasEntity() ? toJson(created.getEntity()) : null;
        String location = created.getLocation() == null ? null : created.getLocation().toString();
        String etag = created.getHeaderString("ETag");
        try (PreparedStatement ps = c.prepareStatement(
                "update idempotency_record set status = ?, location = ?, etag = ?, body = ? where scope = ? and key = ?")) {
            ps.setInt(1, created.getStatus());
            ps.setString(2, location);
            ps.setString(3, etag);
            ps.setString(4, body);
            ps.setString(5, scope);
            ps.setString(6, key);
            ps.executeUpdate();
        }
        Response.ResponseBuilder r = Response.fromResponse(created);
        if (body != null) {
            r.entity(body).type(MediaType.APPLICATION_JSON);
        }
        return r.build();
    }

    private String toJson(Object entity) {
        if (entity instanceof String s) {
            return s;
        }
        try {
            return json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String fingerprint(String method, String path, Object request) {
        try {
            String canonical = method + " " + path + "\n" + json.writeValueAsString(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
