package dev.kaigi.user.scim;

import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.user.organization.OrganizationRepository;
import dev.kaigi.user.security.Actor;
import dev.kaigi.user.security.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The partner's provisioning client calling {@code /scim/v2}: a token with scope {@code scim}; its
 * {@code org_id} is the tenant (ORG-01), so another organization's ids answer 404.
 */
@RequestScoped
public class ScimCaller {

    @Inject
    CurrentUser currentUser;
    @Inject
    OrganizationRepository organizations;

    /** 401 without a token, 403 without the scope or without an organization that exists. */
    public Actor require() {
        UUID orgId = currentUser.partnerOrganization(PartnerScopes.SCIM);
        return Actor.provisioning(orgId, organizations.findById(orgId).scimOwnerRoleGrantable);
    }
}
