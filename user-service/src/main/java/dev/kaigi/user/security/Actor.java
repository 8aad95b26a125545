package dev.kaigi.user.security;

import dev.kaigi.events.user.Role;
import dev.kaigi.user.directory.UserAccount;

import java.util.UUID;

/**
 * Who makes an administrative change, as the services need it: the organization acted in, the
 * acting Kaigi user (recorded in the audit log and events) and the role whose rights apply.
 *
 * @param userId           null when no person acts: a partner's provisioning client (SCIM) or REST integration
 * @param mayGrantOwner    whether the actor may make someone an OWNER or change an OWNER's role: an OWNER may, a REST
 *                         partner integration may not, the identity provider's SCIM client only where an OWNER allowed
 *                         it for the organization (README "For partners")
 */
public record Actor(UUID orgId, UUID userId, Role role, boolean mayGrantOwner) {

    public static Actor of(UserAccount user) {
        return new Actor(user.orgId, user.id, user.role, user.role == Role.OWNER);
    }

    /**
     * A partner's provisioning client (SCIM, scope {@code scim}) of {@code orgId}. It administers
     * users and teams with an OWNER's rights, never a super admin's (ORG-03, LIF-02), and no person
     * is named as having acted. It grants or takes the OWNER role only where an OWNER let the
     * identity provider decide roles ({@code ownerRoleGrantable}): whoever holds the client's
     * credentials would otherwise hold the owners' power.
     */
    public static Actor provisioning(UUID orgId, boolean ownerRoleGrantable) {
        return new Actor(orgId, null, Role.OWNER, ownerRoleGrantable);
    }

    /**
     * A partner integration of {@code orgId} calling the REST API with scope {@code users:write}. It
     * administers users and teams as an OWNER would, but never grants, takes or holds the owners' power:
     * it cannot make anyone an OWNER nor change an OWNER's role (else it could raise a person it
     * controls to OWNER), and what needs the super admin stays theirs. No person is named as having acted.
     */
    public static Actor partner(UUID orgId) {
        return new Actor(orgId, null, Role.OWNER, false);
    }

    /** Whether the actor is the user {@code id}. */
    public boolean is(UUID id) {
        return userId != null && userId.equals(id);
    }
}
