package dev.kaigi.user.security;

import dev.kaigi.chassis.security.RevokedCallers;
import dev.kaigi.events.user.UserStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * LIF-01 on every endpoint, as in the other services: a user token whose user this service knows as
 * deactivated or deleted (removed users leave the organization) or as a member of another organization than the
 * token says is refused (401) before any resource runs. The permission checks, through {@link CurrentUser},
 * refuse them too; this covers the rest ({@code /api/v1/caller}, sign-up, the invitation links called with a
 * token). A user not known here passes; {@link CurrentUser} refuses them where a user is needed.
 * Every request with a user's token asks, so it is one plain indexed read, not an ORM lookup.
 */
@ApplicationScoped
public class RevokedUsers implements RevokedCallers {

    /** An INVITED user may hold a token while accepting; only these are refused. */
    private static final Set<UserStatus> GONE = EnumSet.of(UserStatus.DEACTIVATED, UserStatus.DELETED);

    @Inject
    AgroalDataSource db;

    @Override
    public boolean revoked(UUID userId, UUID orgId) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select org_id, status from app_user where id = ?")) {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && (!orgId.equals(rs.getObject(1, UUID.class)) || GONE.contains(UserStatus.valueOf(rs.getString(2))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading whether a caller was revoked", e);
        }
    }
}
