package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.user.security.Actor;
import dev.kaigi.user.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Who may import users and read the imports ({@code /api/v1/user-imports}). Importing is an OWNER's: a row's
 * {@code role} can make users OWNERs, which a partner integration may not, so partners add users one by one.
 */
@ApplicationScoped
public class ImportPermissions {

    static final Permission IMPORT = Permission.of("import-users", Roles.OWNER)
            .inProfileAs(ProfilePermission.IMPORT_USERS);
    static final Permission VIEW = Permission.of("view-imports", Roles.OWNER)
            .inProfileAs(ProfilePermission.IMPORT_USERS).orPartnerWith(PartnerScopes.USERS_READ);

    @Inject
    CurrentUser currentUser;

    /** Uploading a CSV file of users (BLK-01…04). */
    public Actor requireImport() {
        return currentUser.requireActor(IMPORT);
    }

    /** Reading the import history and an import's rows (BLK-02); returns the organization read. */
    public UUID requireView() {
        return currentUser.require(VIEW).orgId();
    }
}
