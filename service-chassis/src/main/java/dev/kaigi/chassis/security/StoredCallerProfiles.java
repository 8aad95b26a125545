package dev.kaigi.chassis.security;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.ProfilePermission;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A service's copy of the permission profiles and of who holds which (USR-07), kept from user-service's
 * events in two tables of the chassis' migrations ({@code caller_profile}, {@code caller_profile_holder}), and read
 * as {@link CallerProfiles}. Not a bean here: a service that enforces profiles declares an
 * {@code @ApplicationScoped} subclass, so user-service, which owns the profiles, does not consume them.
 * A profile and its holders arrive on different partitions; until both are here the role alone decides.
 */
public abstract class StoredCallerProfiles implements CallerProfiles, EventSubscriber {

    @Inject
    AgroalDataSource db;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.PERMISSION_PROFILE_SAVED, e -> saveProfile(e.profileId(), e.orgId(), e.permissions())).batchable();
        on.event(EventTypes.PERMISSION_PROFILE_DELETED, e -> deleteProfile(e.profileId())).batchable();
        on.event(EventTypes.USER_JOINED, e -> holds(e.userId(), e.orgId(), e.permissionProfileId())).batchable();
        on.event(EventTypes.USER_UPDATED, e -> holds(e.userId(), e.orgId(), e.permissionProfileId())).batchable();
        on.event(EventTypes.USER_CONVERTED, e -> holds(e.userId(), e.orgId(), e.permissionProfileId())).batchable();
    }

    /** One indexed read, asked only when a checked permission names a catalogue entry. */
    @Override
    public Optional<Set<ProfilePermission>> permissionsOf(UUID userId, UUID orgId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     select p.permissions from caller_profile_holder h join caller_profile p on p.id = h.profile_id
                     where h.user_id = ? and h.org_id = ?""")) {
            ps.setObject(1, userId);
            ps.setObject(2, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Set<ProfilePermission> granted = EnumSet.noneOf(ProfilePermission.class);
                for (String p : (String[]) rs.getArray(1).getArray()) {
                    granted.add(ProfilePermission.valueOf(p));
                }
                return Optional.of(granted);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a caller's permission profile", e);
        }
    }

    private void saveProfile(UUID profileId, UUID orgId, List<ProfilePermission> permissions) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     insert into caller_profile (id, org_id, permissions) values (?, ?, ?)
                     on conflict (id) do update set permissions = excluded.permissions""")) {
            Array granted = c.createArrayOf("text", permissions.stream().map(Enum::name).toArray());
            ps.setObject(1, profileId);
            ps.setObject(2, orgId);
            ps.setArray(3, granted);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("saving a permission profile", e);
        }
    }

    private void deleteProfile(UUID profileId) {
        update("delete from caller_profile where id = ?", profileId);
    }

    /** A user event without a profile (an older event) leaves what is known as it is. */
    private void holds(UUID userId, UUID orgId, UUID profileId) {
        if (profileId == null) {
            return;
        }
        update("""
                insert into caller_profile_holder (user_id, org_id, profile_id) values (?, ?, ?)
                on conflict (user_id) do update set org_id = excluded.org_id, profile_id = excluded.profile_id""",
                userId, orgId, profileId);
    }

    private void update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("keeping the permission profiles", e);
        }
    }
}
