package dev.kaigi.chassis.privacy;

import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may read what a service keeps about a person (SEC-04): user-service, which gathers an OWNER's export. The same
 * rule in every service that answers the internal personal-data API; its resources check it first thing.
 */
@ApplicationScoped
public class PersonalDataPermissions {

    static final Permission EXPORT = Permission.of("export-personal-data", Roles.SERVICE);

    @Inject
    CurrentCaller caller;

    public void requireExport() {
        EXPORT.require(caller.get());
    }
}
