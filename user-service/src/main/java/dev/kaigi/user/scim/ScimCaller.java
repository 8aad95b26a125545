package dev.kaigi.user.scim;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.user.organization.OrganizationRepository;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The partner's provisioning client calling {@code /scim/v2}: a token with scope {@code scim}; its
 * {@code org_id} is the tenant (ORG-01), so another organization's ids answer 404.
 */
@RequestScoped
public class ScimCaller {

    static final String SCOPE = "scim";

    @Inject
    CurrentCaller caller;
    @Inject
    OrganizationRepository organizations;

    /** 401 without a token, 403 without the scope or without an organization that exists. */
    public Actor require() {
        Caller c = caller.get();
        if (!c.hasScope(SCOPE)) {
            throw ProblemException.forbidden();
        }
        if (organizations.findById(c.orgId()) == null) {
            throw ProblemException.forbidden();
        }
        return Actor.provisioning(c.orgId());
    }
}
