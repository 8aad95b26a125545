package dev.kaigi.integration.notification;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.integration.user.UserAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Who may see and change a user's booking notification subscriptions: each resource method's first line is this check. */
@ApplicationScoped
class NotificationPermissions {

    /** A user's own subscriptions: anyone who sees bookings at all, so not a RESTRICTED user. */
    static final Permission SUBSCRIBE = Permission.of("subscribe-to-bookings", Roles.OWNER, Roles.MANAGER, Roles.MEMBER);
    /** Any user's subscriptions in the organization, as part of managing its users (LIF-05). */
    static final Permission MANAGE = Permission.of("manage-notification-subscriptions", Roles.OWNER)
            .inProfileAs(ProfilePermission.MANAGE_USERS);

    @Inject
    CurrentCaller current;
    @Inject
    UserAccess users;

    /** The user themself (unless RESTRICTED), or a manager of the organization's users; another organization's user is 404. */
    Caller requireSubscriptionsOf(UUID userId) {
        Caller caller = current.get();
        if (caller.user().filter(userId::equals).isPresent()) {
            return SUBSCRIBE.require(caller);
        }
        return users.require(MANAGE, userId);
    }
}
