package dev.kaigi.scheduling.booking;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * Idempotency-Key records of booking requests: the first successful answer per organization and
 * key, written in the booking's own transaction ({@link BookingWriter}). A request that failed
 * changed nothing, so it is not remembered: sending it again tries again.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** What a key answered the first time. */
    public record Stored(String requestHash, UUID bookingId, String response) {
    }

    @Inject
    AgroalDataSource db;

    public Optional<Stored> find(UUID orgId, String key) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select request_hash, booking_id, response from idempotency_key where org_id = ? and key = ?")) {
            ps.setObject(1, orgId);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading an idempotency key", e);
        }
    }
}
