package dev.kaigi.user.identity;

import dev.kaigi.chassis.inbox.DependencyUnavailableException;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserEvents;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.directory.UserView;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** USR-04: the stored email is refreshed from the identity provider's account email. */
@ApplicationScoped
public class EmailRefresh {

    @Inject
    IdentityDirectory directory;
    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;

    /** Replaces {@code id}'s address with the one the identity provider holds now, as {@code editor} (USR-04). */
    @Transactional
    public UserView refresh(Actor editor, UUID id) {
        UserAccount user = users.lockInOrganization(editor.orgId(), id).filter(u -> u.status != UserStatus.DELETED)
                .orElseThrow(() -> ProblemException.notFound("user"));
        if (!directory.connected()) {
            throw ProblemException.conflict("identity-provider-not-connected");
        }
        String current;
        try {
            current = directory.currentEmail(user.id).orElseThrow(() -> ProblemException.conflict("identity-account-missing"));
        } catch (DependencyUnavailableException e) {
            throw new ProblemException(503, "identity-provider-unavailable");
        }
        if (current.isBlank() || current.equals(user.email)) {
            return view(user);
        }
        String previous = user.email;
        if (!UserAccount.emailKey(current).equals(user.emailKey) && users.emailInUse(current)) {
            throw ProblemException.conflict("email-taken"); // ORG-05
        }
        user.setEmail(current);
        users.flush(); // a concurrent user with the same address loses on the unique index here
        audit.record(user.orgId, editor.userId(), AuditLog.Action.EMAIL_REFRESHED, user.id, Map.of("email", previous), Map.of("email", current));
        outbox.publish(UserEvents.updated(user, List.of("email")));
        return view(user);
    }

    private UserView view(UserAccount user) {
        return UserView.of(user, organizations.superAdminOf(user.orgId));
    }
}
