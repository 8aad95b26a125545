package dev.kaigi.licensing.seat;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may do what with seats: each seat resource method's first line is one of these checks. */
@ApplicationScoped
class SeatPermissions {

    /** Any user of an organization sees the seats they may see: an OWNER every seat, another user their own. */
    static final Permission VIEW = Permission.of("view-seats", Roles.OWNER, Roles.MANAGER, Roles.MEMBER, Roles.RESTRICTED);
    /** Assign and take back seats, and see every seat of the organization. */
    static final Permission MANAGE = Permission.of("manage-seats", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_SEATS);
    /** user-service takes and gives back seats as it adds, activates, converts and imports users (LIC-04, BLK-01). */
    static final Permission TAKE_FOR_USERS = Permission.of("take-seats-for-users", Roles.SERVICE);

    @Inject
    CurrentCaller caller;

    public Caller requireView() {
        return VIEW.require(caller.get());
    }

    public Caller requireManage() {
        return MANAGE.require(caller.get());
    }

    /** Whether {@code viewer} sees every seat of the organization, not only their own. */
    public boolean canManage(Caller viewer) {
        return MANAGE.grantedTo(viewer);
    }

    public Caller requireTakeForUsers() {
        return TAKE_FOR_USERS.require(caller.get());
    }
}
