package dev.kaigi.user.identity;

import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.security.UserRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Brings a user's identity-provider account to the user's current state here, whatever event
 * asked for it: state, not the event, decides, so events applied late or twice do no harm.
 * ACTIVE → enabled account with the user's roles; DEACTIVATED → disabled (LIF-01: cannot sign in
 * again); DELETED or removed → no account; INVITED → no account until the invitation is accepted.
 */
@ApplicationScoped
public class IdentitySync {

    @Inject
    IdentityDirectory directory;
    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;

    /** Whether an identity provider is connected to keep in step. */
    public boolean enabled() {
        return directory.connected();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void sync(UUID orgId, UUID userId) {
        if (!directory.connected()) {
            return;
        }
        UserAccount user = users.inOrganization(orgId, userId).orElse(null);
        if (user == null || user.status == UserStatus.DELETED) {
            directory.remove(userId);
            return;
        }
        if (user.status == UserStatus.INVITED) {
            return;
        }
        directory.save(new IdentityAccount(user.id, user.orgId, user.email, user.firstName, user.lastName,
                user.status == UserStatus.ACTIVE, UserRoles.of(user, organizations.superAdminOf(orgId))));
    }
}
