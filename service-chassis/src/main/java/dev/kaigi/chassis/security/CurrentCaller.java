package dev.kaigi.chassis.security;

import dev.kaigi.chassis.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The request's {@link Caller}, read once from the verified bearer token. Inject this (request
 * scoped) rather than a Caller, because resources are singletons.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    @Inject
    Instance<CallerProfiles> profiles;

    private Caller caller;

    /** The caller; 401 for an anonymous request. */
    public Caller get() {
        if (caller == null) {
            caller = read();
        }
        return caller;
    }

    /**
     * The OAuth client the token was issued to: {@code azp}, else the subject (a client-credentials
     * token's service account). Names a partner integration or a service where no user acts.
     */
    public Optional<String> clientId() {
        get(); // 401 for an anonymous request, as every other question about the caller
        Object azp = token.getClaim("azp");
        String client = azp != null ? azp.toString().replace("\"", "") : token.getSubject();
        return Optional.ofNullable(client).filter(c -> !c.isBlank());
    }

    private Caller read() {
        if (identity.isAnonymous()) {
            throw new io.quarkus.security.UnauthorizedException();
        }
        String scope = token.getClaim("scope");
        Set<String> scopes = scope == null || scope.isBlank() ? Set.of()
                : Arrays.stream(scope.trim().split("\\s+")).collect(Collectors.toSet());
        Optional<UUID> org = uuidClaim("org_id");
        Optional<UUID> user = uuidClaim("uid");
        ProfileGrants profile = org.isPresent() && user.isPresent() && profiles.isResolvable()
                ? ProfileGrants.readOnFirstAsk(() -> profiles.get().permissionsOf(user.get(), org.get()))
                : ProfileGrants.UNRESTRICTED;
        return new Caller(org, user, identity.getRoles(), scopes, profile);
    }

    private Optional<UUID> uuidClaim(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            // a token with a malformed tenant must not reach tenant data
            throw ProblemException.forbidden();
        }
    }
}
