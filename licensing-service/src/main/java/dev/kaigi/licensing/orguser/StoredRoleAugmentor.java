package dev.kaigi.licensing.orguser;

import dev.kaigi.chassis.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A user's organization role here is the one user-service last announced, not the one written in
 * the token when it was issued: a demoted OWNER loses owner rights as soon as the
 * {@code user-updated} event has been read. Until any event about the user has arrived (a user
 * created a moment ago) the token's role stands. Service and partner tokens are left alone.
 */
@ApplicationScoped
public class StoredRoleAugmentor implements SecurityIdentityAugmentor {

    private static final Set<String> ORGANIZATION_ROLES = Set.of(Roles.OWNER, Roles.MANAGER, Roles.MEMBER, Roles.RESTRICTED);

    @Inject
    OrgUserRepository users;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Optional<UUID> org = uuid(token.getClaim("org_id"));
        Optional<UUID> user = uuid(token.getClaim("uid"));
        if (org.isEmpty() || user.isEmpty()) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> storedRole(org.get(), user.get())
                .map(role -> withRole(identity, role)).orElse(identity));
    }

    private Optional<String> storedRole(UUID orgId, UUID userId) {
        return QuarkusTransaction.requiringNew().call(() -> users.inOrganization(orgId, userId)
                .map(u -> u.role).map(r -> r.name().toLowerCase(Locale.ROOT)));
    }

    private static SecurityIdentity withRole(SecurityIdentity identity, String role) {
        Set<String> roles = new HashSet<>(identity.getRoles());
        roles.removeAll(ORGANIZATION_ROLES);
        roles.add(role);
        // a fresh identity: the builder copying one can only add roles, and the token's must go
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(roles)
                .addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes())
                .addPermissionChecker(identity::checkPermission).build();
    }

    private static Optional<UUID> uuid(Object claim) {
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // CurrentCaller refuses a malformed tenant
        }
    }
}
