package dev.kaigi.licensing.privacy;

import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may read what this service keeps about a person: user-service, which gathers an OWNER's export (SEC-04). */
@ApplicationScoped
class PersonalDataPermissions {

    static final Permission EXPORT = Permission.of("export-personal-data", Roles.SERVICE);

    @Inject
    CurrentCaller caller;

    void requireExport() {
        EXPORT.require(caller.get());
    }
}
