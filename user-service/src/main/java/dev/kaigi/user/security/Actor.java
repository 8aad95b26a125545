package dev.kaigi.user.security;

import dev.kaigi.events.user.Role;
import dev.kaigi.user.account.UserAccount;

import java.util.UUID;

/**
 * Who makes an administrative change, as the services need it: the organization acted in, the
 * acting Kaigi user (recorded in the audit log and events) and the role whose rights apply.
 *
 * @param userId null when no person acts: a partner's provisioning client (SCIM)
 */
public record Actor(UUID orgId, UUID userId, Role role) {

    public static Actor of(UserAccount user) {
        return new Actor(user.orgId, user.id, user.role);
    }

    /**
     * A partner's provisioning client (SCIM, scope {@code scim}) of {@code orgId}. It administers
     * users and teams with an OWNER's rights, never a super admin's (ORG-03, LIF-02), and no person
     * is named as having acted.
     */
    public static Actor provisioning(UUID orgId) {
        return new Actor(orgId, null, Role.OWNER);
    }

    /** Whether the actor is the user {@code id}. */
    public boolean is(UUID id) {
        return userId != null && userId.equals(id);
    }
}
