package dev.kaigi.scheduling.security;

import dev.kaigi.chassis.security.RevokedCallers;
import dev.kaigi.scheduling.host.HostStatus;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * LIF-01 here: a caller whom user-service's events showed to be deactivated, deleted or removed
 * is refused at once, though their token has not expired yet. Every request with a token asks, so it
 * is one plain indexed read of the host read model (an ORM lookup was a tenth of a booking's CPU).
 */
@ApplicationScoped
public class RevokedHosts implements RevokedCallers {

    /** The statuses whose tokens are revoked at once (LIF-01). */
    public static final Set<HostStatus> GONE =
            Collections.unmodifiableSet(EnumSet.of(HostStatus.DEACTIVATED, HostStatus.DELETED, HostStatus.REMOVED));

    @Inject
    AgroalDataSource db;

    /** Known here as gone, or as a member of another organization than the token says. */
    @Override
    public boolean revoked(UUID userId, UUID orgId) {
        try (Connection conn = db.getConnection();
             PreparedStatement ps = conn.prepareStatement("select org_id, status from host where user_id = ?")) {
            ps.setObject(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && revoked(orgId, rs.getObject(1, UUID.class), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading whether a caller was revoked", e);
        }
    }

    /**
     * The rule, for a caller found in the host table: for callers who read their host row
     * themselves ({@link dev.kaigi.chassis.security.ChecksRevokedCaller}).
     *
     * @param tokenOrg  the organization the token says
     * @param hostOrg   the host row's organization
     * @param status    the host row's status (null: not known yet)
     */
    public static boolean revoked(UUID tokenOrg, UUID hostOrg, String status) {
        return !tokenOrg.equals(hostOrg) || status != null && GONE.contains(HostStatus.valueOf(status));
    }
}
