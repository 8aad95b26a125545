package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may see and change the organization's webhook subscriptions (HOOK-01): an OWNER (whose permission profile
 * allows managing integrations), or a partner's client with {@code webhooks:write}; {@code webhooks:read} sees them
 * and their delivery logs (a partner client that does both holds both scopes). Each resource method's first line is one of these checks.
 */
@ApplicationScoped
class WebhookPermissions {

    static final Permission MANAGE = Permission.of("manage-webhooks", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_INTEGRATIONS).orPartnerWith(PartnerScopes.WEBHOOKS_WRITE);
    static final Permission READ = Permission.of("read-webhooks", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_INTEGRATIONS).orPartnerWith(PartnerScopes.WEBHOOKS_READ);

    @Inject
    CurrentCaller caller;

    Caller requireManage() {
        return MANAGE.require(caller.get());
    }

    Caller requireRead() {
        return READ.require(caller.get());
    }
}
