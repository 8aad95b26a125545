package dev.kaigi.scheduling.host;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Who may read what scheduling knows of a host (their facts, their eligibility, SCH-07): themselves, a MANAGER or an OWNER, or a partner with {@code schedules:read}. */
@ApplicationScoped
public class HostPermissions {

    static final Permission VIEW = Permission.of("view-hosts", Roles.OWNER, Roles.MANAGER)
            .inProfileAs(ProfilePermission.SEE_REPORTS).orPartnerWith(PartnerScopes.SCHEDULES_READ);

    @Inject
    CurrentCaller caller;

    public Caller requireView(UUID userId) {
        return VIEW.requireSelfOr(caller.get(), userId);
    }
}
