package dev.kaigi.scheduling.meetingtype;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may do what with meeting types (SCH-06): every member reads them and their availability, and
 * so does a partner with scope {@code schedules:read}; MANAGERs and OWNERs create, change and delete them.
 */
@ApplicationScoped
public class MeetingTypePermissions {

    static final Permission VIEW = Permission.of("view-meeting-types", Roles.OWNER, Roles.MANAGER, Roles.MEMBER, Roles.RESTRICTED)
            .orPartnerWith(PartnerScopes.SCHEDULES_READ);
    static final Permission MANAGE = Permission.of("manage-meeting-types", Roles.OWNER, Roles.MANAGER)
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
