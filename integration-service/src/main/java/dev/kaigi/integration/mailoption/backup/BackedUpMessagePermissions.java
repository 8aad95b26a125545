package dev.kaigi.integration.mailoption.backup;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Who reads backed-up mail (INT-11): every user related to it. OWNERs (the mail-option admins) read all of their
 * organization's; any other user of the organization reads the messages exchanged with the leads of meetings they
 * host, and the messages of their own mailbox ({@link BackedUpMessageService} narrows the rows). Partner clients and
 * services are refused: the mail is people's, read by people.
 */
@ApplicationScoped
class BackedUpMessagePermissions {

    /** The backed-up mail a user is related to. */
    static final Permission READ = Permission.of("read-backed-up-mail", Roles.OWNER, Roles.MANAGER, Roles.MEMBER,
            Roles.RESTRICTED);
    /** All of the organization's backed-up mail: the roles that manage mail options. */
    static final Permission READ_ALL = Permission.of("read-all-backed-up-mail", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_INTEGRATIONS);

    @Inject
    CurrentCaller caller;

    /** Who is reading and how far they see. */
    record Reader(UUID orgId, UUID userId, boolean readsAll) {
    }

    Reader requireRead() {
        Caller c = READ.require(caller.get());
        return new Reader(c.orgId(), c.userId(), READ_ALL.grantedTo(c));
    }
}
