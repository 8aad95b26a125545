package dev.kaigi.user.csvimport;

import dev.kaigi.events.user.UserType;
import dev.kaigi.user.directory.PermissionProfile;
import dev.kaigi.user.directory.PermissionProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The permission-profile cell of an import row, by id or by name as the administrator sees it
 * (001: "権限名または権限ID"). An empty cell gives the organization's system profile of the user's
 * type, so a team user is given the team-user profile automatically (001).
 */
@ApplicationScoped
public class ImportProfiles {

    /** The profile's id, or the reason the cell is refused. */
    public record Resolved(UUID id, String failure) {
    }

    @Inject
    PermissionProfileRepository profiles;

    public OfOrganization of(UUID orgId) {
        return new OfOrganization(profiles.ofOrganization(orgId));
    }

    /** An organization's profiles, loaded once per chunk. */
    public static final class OfOrganization {
        private final Map<String, PermissionProfile> byKey = new HashMap<>();
        private final Map<UserType, PermissionProfile> systemByType = new HashMap<>();

        OfOrganization(List<PermissionProfile> all) {
            for (PermissionProfile p : all) {
                byKey.put(p.id.toString(), p);
                byKey.putIfAbsent(p.name.strip().toLowerCase(Locale.ROOT), p);
                if (p.system) {
                    systemByType.putIfAbsent(p.userType, p);
                }
            }
        }

        public Resolved resolve(String cell, UserType type) {
            PermissionProfile p = cell == null ? systemByType.get(type) : byKey.get(cell.strip().toLowerCase(Locale.ROOT));
            if (p == null) {
                return new Resolved(null, "unknown-reference");
            }
            if (p.userType != type) {
                return new Resolved(null, "permission-profile-mismatch");
            }
            return new Resolved(p.id, null);
        }
    }
}
