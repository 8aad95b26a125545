package dev.kaigi.scheduling.schedule;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Who may do what with work schedules (SCH-01, SCH-02, SCH-05, BLK-05): a user reads and edits
 * their own; MANAGERs and OWNERs read anyone's, and a partner with scope {@code schedules:read};
 * only OWNERs edit someone else's, set the organization's default and apply a schedule to others.
 */
@ApplicationScoped
public class SchedulePermissions {

    static final Permission VIEW_DEFAULT = Permission.of("view-default-schedule",
            Roles.OWNER, Roles.MANAGER, Roles.MEMBER, Roles.RESTRICTED).orPartnerWith(PartnerScopes.SCHEDULES_READ);
    static final Permission VIEW_ANY = Permission.of("view-schedules", Roles.OWNER, Roles.MANAGER)
            .orPartnerWith(PartnerScopes.SCHEDULES_READ);
    static final Permission MANAGE = Permission.of("manage-schedules", Roles.OWNER);

    @Inject
    CurrentCaller caller;

    /** The organization's default schedule: every member reads it. */
    public Caller requireViewDefault() {
        return VIEW_DEFAULT.require(caller.get());
    }

    /** {@code userId}'s schedule: themselves, a MANAGER, an OWNER or a partner with {@code schedules:read}. */
    public Caller requireView(UUID userId) {
        return VIEW_ANY.requireSelfOr(caller.get(), userId);
    }

    /** Changing {@code userId}'s schedule: themselves or an OWNER. */
    public Caller requireEdit(UUID userId) {
        return MANAGE.requireSelfOr(caller.get(), userId);
    }

    /** The default schedule, and applying one user's schedule to others. */
    public Caller requireManage() {
        return MANAGE.require(caller.get());
    }
}
