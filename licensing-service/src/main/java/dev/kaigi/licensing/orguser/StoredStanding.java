package dev.kaigi.licensing.orguser;

import dev.kaigi.events.user.UserStatus;
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
 * What user-service last announced about a user of an organization: their role and status. Read
 * once per request with a user's token, by {@link StoredRoleAugmentor}, which keeps it on the
 * identity for {@link RevokedOrgUsers}: one plain indexed read, no ORM, no transaction.
 */
@ApplicationScoped
public class StoredStanding {

    /** The user's row here; {@code role} is null until an event named it. */
    public record Standing(String role, UserStatus status) {
    }

    @Inject
    AgroalDataSource db;

    public Optional<Standing> read(UUID orgId, UUID userId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select role, status from org_user where user_id = ? and org_id = ?")) {
            ps.setObject(1, userId);
            ps.setObject(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Standing(rs.getString(1), UserStatus.valueOf(rs.getString(2)))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a caller's stored role and status", e);
        }
    }
}
