package dev.kaigi.user.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.user.directory.Organization;
import dev.kaigi.user.directory.OrganizationRepository;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the authorization matrix cannot show, its partner tokens carrying no roles claim: a token's roles
 * never grant a partner client or a service anything here, only a partner's scopes do.
 */
class CurrentUserTest {

    private static final Permission MANAGE = Permission.of("manage-users", Roles.OWNER).orPartnerWith(PartnerScopes.USERS_WRITE);
    private static final UUID ORG = UUID.randomUUID();

    @Test
    @DisplayName("A partner client holds what its scopes grant, never what a roles claim in its token says")
    void partnerRolesGrantNothing() {
        CurrentUser withScope = callerIs(new Caller(Optional.of(ORG), Optional.empty(), Set.of(Roles.OWNER), Set.of(PartnerScopes.USERS_WRITE)));
        assertEquals(Actor.partner(ORG), withScope.requireActor(MANAGE));

        CurrentUser withRoleOnly = callerIs(new Caller(Optional.of(ORG), Optional.empty(), Set.of(Roles.OWNER, Roles.SUPER_ADMIN), Set.of()));
        assertEquals(403, assertThrows(ProblemException.class, () -> withRoleOnly.require(MANAGE)).status());
    }

    @Test
    @DisplayName("A service token is no partner: its scopes grant nothing either")
    void serviceScopesGrantNothing() {
        CurrentUser service = callerIs(new Caller(Optional.of(ORG), Optional.empty(), Set.of(Roles.SERVICE), Set.of(PartnerScopes.USERS_WRITE)));
        assertEquals(403, assertThrows(ProblemException.class, () -> service.require(MANAGE)).status());
    }

    private static CurrentUser callerIs(Caller caller) {
        CurrentUser current = new CurrentUser();
        current.token = new CurrentCaller() {
            @Override
            public Caller get() {
                return caller;
            }
        };
        current.organizations = new OrganizationRepository() {
            @Override
            public Organization findById(UUID id) {
                Organization o = new Organization();
                o.id = id;
                return o;
            }
        };
        return current;
    }
}
