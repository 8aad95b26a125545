package dev.kaigi.user.permission;

import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.directory.PermissionProfile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A permission profile as the API shows it (USR-07).
 *
 * @param system  built in: created with the organization, copied but never changed or deleted
 * @param users   how many users of the organization hold it (deleted ones aside); one held cannot be deleted
 * @param version the version to send back in {@code If-Match}
 */
@Schema(name = "PermissionProfile")
public record PermissionProfileView(
        UUID id,
        @Schema(example = "Inside sales managers") String name,
        UserType userType,
        List<ProfilePermission> permissions,
        boolean system,
        long users,
        long version) {

    public static PermissionProfileView of(PermissionProfile p, long users) {
        return new PermissionProfileView(p.id, p.name, p.userType, List.copyOf(p.granted()), p.system, users, p.version);
    }
}
