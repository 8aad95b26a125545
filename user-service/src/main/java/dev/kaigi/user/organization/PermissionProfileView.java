package dev.kaigi.user.organization;

import dev.kaigi.events.user.UserType;
import dev.kaigi.user.directory.PermissionProfile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** A permission profile as the API shows it. */
@Schema(name = "PermissionProfile")
public record PermissionProfileView(UUID id, String name, UserType userType, boolean system) {

    static PermissionProfileView of(PermissionProfile p) {
        return new PermissionProfileView(p.id, p.name, p.userType, p.system);
    }
}
