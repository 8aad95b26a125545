package dev.kaigi.integration.slack;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may do what with the organization's Slack installation: each of its resource methods' first line is this check. */
@ApplicationScoped
class SlackPermissions {

    /** Install, see and uninstall Kaigi's Slack app in the organization's workspace (INT-10). */
    static final Permission MANAGE = Permission.of("manage-slack", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_INTEGRATIONS);

    @Inject
    CurrentCaller caller;

    Caller requireManage() {
        return MANAGE.require(caller.get());
    }
}
