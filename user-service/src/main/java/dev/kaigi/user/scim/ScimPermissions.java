package dev.kaigi.user.scim;

import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.security.Actor;
import dev.kaigi.user.security.CurrentUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Who may call {@code /scim/v2}: the partner's provisioning client, a token with scope {@code scim}; its
 * {@code org_id} is the tenant (ORG-01), so another organization's ids answer 404. No person's token reaches it.
 */
@ApplicationScoped
public class ScimPermissions {

    static final Permission PROVISION = Permission.of("provision-users").orPartnerWith(PartnerScopes.SCIM);

    @Inject
    CurrentUser currentUser;
    @Inject
    OrganizationRepository organizations;

    /** Provisioning users and groups ({@link Actor#provisioning}); 403 without the scope or without an organization that exists. */
    public Actor requireProvisioning() {
        UUID orgId = currentUser.require(PROVISION).orgId();
        return Actor.provisioning(orgId, organizations.findById(orgId).scimOwnerRoleGrantable);
    }
}
