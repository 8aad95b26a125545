package dev.kaigi.integration.salesforce;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may do what with the organization's Salesforce connection: each of its resource methods' first line is this check. */
@ApplicationScoped
class SalesforcePermissions {

    /** Link, see, unlink and sync the organization's Salesforce account (INT-03). */
    static final Permission MANAGE = Permission.of("manage-salesforce", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_INTEGRATIONS);

    @Inject
    CurrentCaller caller;

    Caller requireManage() {
        return MANAGE.require(caller.get());
    }
}
