package dev.kaigi.scheduling.holiday;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may do what with the organization's holidays (AVL-03): every member reads the calendars, the settings and the
 * closed days, and so does a partner with scope {@code schedules:read}; MANAGERs and OWNERs choose the calendar and
 * keep the organization's own closed days. Closed days decide, like a meeting type's pool, which hosts are offered,
 * so a permission profile narrows them with the meeting types' entry.
 */
@ApplicationScoped
public class HolidayPermissions {

    static final Permission VIEW = Permission.of("view-holidays", Roles.OWNER, Roles.MANAGER, Roles.MEMBER, Roles.RESTRICTED)
            .orPartnerWith(PartnerScopes.SCHEDULES_READ);
    static final Permission MANAGE = Permission.of("manage-holidays", Roles.OWNER, Roles.MANAGER)
            .inProfileAs(ProfilePermission.MANAGE_MEETING_TYPES);

    @Inject
    CurrentCaller caller;

    public Caller requireView() {
        return VIEW.require(caller.get());
    }

    public Caller requireManage() {
        return MANAGE.require(caller.get());
    }
}
