package dev.kaigi.licensing.subscription;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may do what with the organization's subscription: each subscription resource method's first line is one of these. */
@ApplicationScoped
class SubscriptionPermissions {

    /** Plan, licences and seat counts: any user of the organization. */
    static final Permission VIEW = Permission.of("view-subscription", Roles.OWNER, Roles.MANAGER, Roles.MEMBER, Roles.RESTRICTED);
    /** Buy or set seats, change the plan, switch team licences. */
    static final Permission MANAGE = Permission.of("manage-subscription", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_SEATS);

    @Inject
    CurrentCaller caller;

    public Caller requireView() {
        return VIEW.require(caller.get());
    }

    public Caller requireManage() {
        return MANAGE.require(caller.get());
    }
}
