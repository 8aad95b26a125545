package dev.kaigi.user.audit;

import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.user.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Who may read the audit log ({@code /api/v1/audit-events}). */
@ApplicationScoped
public class AuditPermissions {

    static final Permission VIEW = Permission.of("view-audit-log", Roles.OWNER)
            .inProfileAs(ProfilePermission.SEE_AUDIT_LOG).orPartnerWith(PartnerScopes.USERS_READ);

    @Inject
    CurrentUser currentUser;

    /** Reading the organization's audit log; returns the organization read. */
    public UUID requireView() {
        return currentUser.require(VIEW).orgId();
    }
}
