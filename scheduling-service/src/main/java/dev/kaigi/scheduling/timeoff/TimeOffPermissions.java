package dev.kaigi.scheduling.timeoff;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** AVL-02: a host records their own time off, an OWNER or a MANAGER anyone's; who reads schedules reads it. */
@ApplicationScoped
public class TimeOffPermissions {

    static final Permission VIEW = Permission.of("view-time-off", Roles.OWNER, Roles.MANAGER)
            .orPartnerWith(PartnerScopes.SCHEDULES_READ);
    static final Permission MANAGE = Permission.of("manage-time-off", Roles.OWNER, Roles.MANAGER);

    @Inject
    CurrentCaller caller;

    public Caller requireView(UUID userId) {
        return VIEW.requireSelfOr(caller.get(), userId);
    }

    public Caller requireEdit(UUID userId) {
        return MANAGE.requireSelfOr(caller.get(), userId);
    }
}
