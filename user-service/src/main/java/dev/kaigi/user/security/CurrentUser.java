package dev.kaigi.user.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CallerProfiles;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.ProfileGrants;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserRepository;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The caller as user-service knows them now, for the {@code *Permissions} classes to check a
 * {@link Permission} against. A user's roles and standing come from this service's data, not the token: a
 * deactivated or deleted user's still-valid token is refused at once (LIF-01), and a role change applies to
 * the next request, and so does a change of their permission profile (USR-07). A partner client has no
 * user and no roles: it holds what its token's scopes grant
 * (README "For partners"), and only while its organization exists here.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    CurrentCaller token;
    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;
    @Inject
    CallerProfiles profiles;

    private UserAccount user;
    private Caller caller;

    /** The signed-in user, active here; 401 for a user this service refuses, 403 for a token without a user. */
    private UserAccount user() {
        if (user == null) {
            Caller c = token.get();
            user = users.inOrganization(c.orgId(), c.userId())
                    .filter(u -> u.status == UserStatus.ACTIVE)
                    .orElseThrow(() -> new ProblemException(401, "token-revoked"));
        }
        return user;
    }

    /** Refuses (403) unless the caller holds {@code permission}; returns the caller as checked. */
    public Caller require(Permission permission) {
        if (permission.roles().isEmpty() && !token.get().isPartner()) {
            throw ProblemException.forbidden(); // no role grants it: a person's standing here need not be read
        }
        return known(permission.require(caller()));
    }

    /** Refuses (403) unless the caller holds {@code permission}; returns who acts: the user, or a partner client ({@link Actor#partner}). */
    public Actor requireActor(Permission permission) {
        return actor(require(permission));
    }

    /** Refuses (403) unless the caller is the user {@code userId} or holds {@code permission}; returns who acts. */
    public Actor requireActorSelfOr(Permission permission, UUID userId) {
        return actor(known(permission.requireSelfOr(caller(), userId)));
    }

    private Actor actor(Caller caller) {
        return caller.isPartner() ? Actor.partner(caller.orgId()) : Actor.of(user());
    }

    private Caller caller() {
        if (caller == null) {
            Caller c = token.get();
            if (c.isPartner()) {
                caller = new Caller(c.organization(), Optional.empty(), Set.of(), c.scopes());
            } else {
                UserAccount u = user();
                caller = new Caller(Optional.of(u.orgId), Optional.of(u.id),
                        Set.copyOf(UserRoles.of(u, organizations.superAdminOf(u.orgId))), Set.of(),
                        ProfileGrants.readOnFirstAsk(() -> profiles.permissionsOf(u.id, u.orgId)));
            }
        }
        return caller;
    }

    /** A partner client of an organization this service does not know may reach nothing (403). */
    private Caller known(Caller c) {
        if (c.isPartner() && organizations.findById(c.orgId()) == null) {
            throw ProblemException.forbidden();
        }
        return c;
    }
}
