package dev.kaigi.user.directory;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.UserType;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The organizations' permission profiles (INV-05, LIF-04). */
@ApplicationScoped
public class PermissionProfileRepository implements PanacheRepositoryBase<PermissionProfile, UUID> {

    public Optional<PermissionProfile> inOrganization(UUID orgId, UUID id) {
        return find("orgId = ?1 and id = ?2", orgId, id).firstResultOptional();
    }

    /** The organization's permission profile for {@code type}; a foreign or unknown id names the field. */
    public PermissionProfile requireFor(UUID orgId, UUID profileId, UserType type) {
        PermissionProfile profile = inOrganization(orgId, profileId)
                .orElseThrow(() -> ProblemException.invalidField("permissionProfileId", "unknown-reference"));
        if (profile.userType != type) {
            throw ProblemException.conflict("permission-profile-mismatch", profile.userType, type);
        }
        return profile;
    }

    public List<PermissionProfile> ofOrganization(UUID orgId) {
        return list("orgId = ?1 order by createdAt, name", orgId);
    }
}
