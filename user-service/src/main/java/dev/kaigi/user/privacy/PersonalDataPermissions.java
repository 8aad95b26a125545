package dev.kaigi.user.privacy;

import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.user.security.Actor;
import dev.kaigi.user.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may export and erase personal data (SEC-04): an OWNER whose profile manages users; never a partner. */
@ApplicationScoped
class PersonalDataPermissions {

    static final Permission HANDLE = Permission.of("handle-personal-data", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_USERS);

    @Inject
    CurrentUser currentUser;

    Actor requireHandle() {
        return currentUser.requireActor(HANDLE);
    }
}
