package dev.kaigi.chassis.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.ProfilePermission;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * One thing a caller may do, named once, with who holds it: the roles that grant it and the
 * partner scope that grants it to a partner client (none if partners may not). A service writes its
 * rules as one small {@code *Permissions} class per resource type ({@code bookings.requireManage()},
 * {@code users.requireView()}) whose methods call {@link #require(Caller)} first thing in a resource
 * method, instead of repeating role lists. Every check goes through here, so the organization's own
 * permission profiles (USR-07) narrow the roles at one place.
 *
 * @param name    what it allows, as a reader and an audit entry would say it ({@code manage-seats})
 * @param roles   the roles granting it
 * @param scope   the partner scope granting it, or null
 * @param profile the catalogue entry a user's permission profile must also hold, or null when the role alone
 *                decides
 */
public record Permission(String name, Set<String> roles, String scope, ProfilePermission profile) {

    public Permission {
        roles = Set.copyOf(roles);
    }

    /** Granted to the given roles only. */
    public static Permission of(String name, String... roles) {
        return new Permission(name, Set.of(roles), null, null);
    }

    /** The same, also granted to a partner client holding {@code partnerScope}. */
    public Permission orPartnerWith(String partnerScope) {
        return new Permission(name, roles, partnerScope, profile);
    }

    /** The same, for a user only when their permission profile also holds {@code entry} (USR-07). */
    public Permission inProfileAs(ProfilePermission entry) {
        return new Permission(name, roles, scope, entry);
    }

    /**
     * Whether {@code caller} holds it: by a role their permission profile does not narrow, or as a partner
     * client with the scope.
     */
    public boolean grantedTo(Caller caller) {
        boolean byRole = caller.roles().stream().anyMatch(roles::contains)
                && (profile == null || caller.profileAllows(profile));
        return byRole || (scope != null && caller.isPartnerWith(scope));
    }

    /** Refuses (403) unless {@code caller} holds it; returns the caller for the next step. */
    public Caller require(Caller caller) {
        if (!grantedTo(caller)) {
            throw ProblemException.forbidden();
        }
        return caller;
    }

    /** Refuses (403) unless {@code caller} is {@code userId} themselves or holds it. */
    public Caller requireSelfOr(Caller caller, UUID userId) {
        if (caller.user().filter(userId::equals).isEmpty()) {
            require(caller);
        }
        return caller;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(roles.toArray()) + (scope == null ? "" : "|" + scope)
                + (profile == null ? "" : "&" + profile);
    }
}
