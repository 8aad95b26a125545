package dev.kaigi.licensing.orguser;

import dev.kaigi.chassis.security.Roles;
import dev.kaigi.licensing.orguser.StoredStanding.Standing;
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

    /** The identity's attribute with this request's {@link Standing}, or {@link #UNKNOWN} when the user has no row here. */
    static final String STANDING = "kaigi.licensing.standing";
    static final Standing UNKNOWN = new Standing(null, null);

    @Inject
    StoredStanding standings;

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
        // one read for the role here and for RevokedOrgUsers: as an ORM query in a transaction of its
        // own it made licensing's GET /api/v1/caller half as fast as the other services' (911 reads/s
        // against 2,057-3,247), and the revoked-caller filter then read the same row again
        return context.runBlocking(() -> {
            Standing standing = standings.read(org.get(), user.get()).orElse(UNKNOWN);
            return rebuilt(identity, standing);
        });
    }

    /**
     * A fresh identity with the stored role in place of the token's (when one is stored) and the
     * standing as an attribute: the builder copying an identity can only add roles, and the token's must go.
     */
    private static SecurityIdentity rebuilt(SecurityIdentity identity, Standing standing) {
        Set<String> roles = new HashSet<>(identity.getRoles());
        if (standing.role() != null) {
            roles.removeAll(ORGANIZATION_ROLES);
            roles.add(standing.role().toLowerCase(Locale.ROOT));
        }
        return QuarkusSecurityIdentity.builder().setPrincipal(identity.getPrincipal()).addRoles(roles)
                .addCredentials(identity.getCredentials()).addAttributes(identity.getAttributes())
                .addAttribute(STANDING, standing).addPermissionChecker(identity::checkPermission).build();
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
