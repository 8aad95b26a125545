package dev.kaigi.integration.mailoption;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.integration.user.UserAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Who may do what with users' mail options: each of their resource methods' first line is one of these checks. */
@ApplicationScoped
class MailOptionPermissions {

    /** Every user's settings: list them, lock and unlock them, start and list mailbox backups (INT-06...INT-09). */
    static final Permission MANAGE = Permission.of("manage-mail-options", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_INTEGRATIONS);

    @Inject
    CurrentCaller caller;
    @Inject
    UserAccess users;

    /** The list of every user's settings. */
    Caller requireManage() {
        return MANAGE.require(caller.get());
    }

    /** One user's settings, locks and backups. */
    Caller requireManage(UUID userId) {
        return users.require(MANAGE, userId);
    }

    /** Read and save a user's own settings: the user themself, or whoever manages them. */
    Caller requireOwnOrManage(UUID userId) {
        return users.requireSelfOr(MANAGE, userId);
    }
}
