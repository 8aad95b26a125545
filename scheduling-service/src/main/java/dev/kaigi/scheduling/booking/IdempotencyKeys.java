package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Idempotency-Key records of booking and reschedule requests: the first successful answer per
 * organization and key, written by the booking's or the move's own statement ({@link BookingWriter},
 * {@link BookingMover}). A request that failed
 * changed nothing, so it is not remembered: sending it again tries again. Keys are kept for
 * {@code kaigi.booking.idempotency-key-retention} (24 h by default).
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final int PRUNE_ONE_IN = 200;

    /** What a key answered the first time. */
    public record Stored(String requestHash, UUID bookingId, String response) {
    }

    @Inject
    AgroalDataSource db;
    @Inject
    BookingConfig config;

    /**
     * The first answer to {@code key} when it was for the same request ({@code requestHash}); 422
     * when the key was used for another request.
     */
    public Optional<Stored> replay(UUID orgId, String key, String requestHash) {
        return find(orgId, key).map(stored -> {
            if (!stored.requestHash().equals(requestHash)) {
                throw new ProblemException(422, "idempotency-key-reused",
                        List.of(new FieldViolation("Idempotency-Key", "idempotency-key-reused", null)));
            }
            return stored;
        });
    }

    /** What makes two requests "the same" for a key: the SHA-256 of everything they ask for, and where. */
    static String fingerprint(String... parts) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first answer to {@code key}, unless it is older than the retention (then it is forgotten). */
    public Optional<Stored> find(UUID orgId, String key) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select request_hash, booking_id, response from idempotency_key
                     where org_id = ? and key = ? and created_at > now() - make_interval(secs => ?)""")) {
            ps.setObject(1, orgId);
            ps.setString(2, key);
            ps.setLong(3, config.idempotencyKeyRetention().toSeconds());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading an idempotency key", e);
        }
    }

    /**
     * Deletes {@code key} if it is past the retention, so that it can be used again.
     *
     * @return whether it was there and expired
     */
    public boolean forgetExpired(UUID orgId, String key) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     delete from idempotency_key
                     where org_id = ? and key = ? and created_at <= now() - make_interval(secs => ?)""")) {
            ps.setObject(1, orgId);
            ps.setString(2, key);
            ps.setLong(3, config.idempotencyKeyRetention().toSeconds());
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("forgetting an expired idempotency key", e);
        }
    }

    /** Once in {@value #PRUNE_ONE_IN} calls, deletes the keys past the retention (no scheduler needed). */
    public void pruneNowAndThen() {
        if (ThreadLocalRandom.current().nextInt(PRUNE_ONE_IN) == 0) {
            prune();
        }
    }

    /** Deletes keys past the retention. */
    void prune() {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "delete from idempotency_key where created_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, config.idempotencyKeyRetention().toSeconds());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("pruning idempotency keys", e);
        }
    }
}
