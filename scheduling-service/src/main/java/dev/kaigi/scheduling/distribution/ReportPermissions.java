package dev.kaigi.scheduling.distribution;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may read the organization's reports (AVL-06): MANAGERs and OWNERs whose permission profile lets them see reports. */
@ApplicationScoped
public class ReportPermissions {

    static final Permission SEE_REPORTS = Permission.of("see-reports", Roles.OWNER, Roles.MANAGER)
            .inProfileAs(ProfilePermission.SEE_REPORTS);

    @Inject
    CurrentCaller caller;

    public Caller requireReports() {
        return SEE_REPORTS.require(caller.get());
    }
}
