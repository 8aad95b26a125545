package dev.kaigi.chassis.security;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.ProfilePermission;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, read from the verified token only. The tenant of a request is
 * {@link #orgId()}, never an id from a path or body (ORG-01).
 *
 * @param organization the {@code org_id} claim; empty for service accounts
 * @param user         the {@code uid} claim; empty for partner clients and services
 * @param roles        the {@code roles} claim
 * @param scopes       the space-separated {@code scope} claim of partner clients
 * @param profile      what the user's permission profile allows (USR-07)
 */
public record Caller(Optional<UUID> organization, Optional<UUID> user, Set<String> roles, Set<String> scopes,
        ProfileGrants profile) {

    public Caller {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
        profile = profile == null ? ProfileGrants.UNRESTRICTED : profile;
    }

    /** A caller no permission profile narrows. */
    public Caller(Optional<UUID> organization, Optional<UUID> user, Set<String> roles, Set<String> scopes) {
        this(organization, user, roles, scopes, ProfileGrants.UNRESTRICTED);
    }

    /** The caller's organization; a token without one may not touch tenant data. */
    public UUID orgId() {
        return organization.orElseThrow(ProblemException::forbidden);
    }

    /** The calling Kaigi user; partner clients and services have none. */
    public UUID userId() {
        return user.orElseThrow(ProblemException::forbidden);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * A partner integration's client-credentials token: an organization, no Kaigi user, not a service.
     * It acts only through its {@link PartnerScopes scopes}, never through roles.
     */
    public boolean isPartner() {
        return organization.isPresent() && user.isEmpty() && !isService();
    }

    /**
     * Whether a partner client holds {@code scope}. A user's token may carry scopes too (an identity
     * provider adds its own); they never stand in for the user's role, so only partners count here.
     */
    public boolean isPartnerWith(String scope) {
        return isPartner() && scopes.contains(scope);
    }

    public boolean isService() {
        return roles.contains(Roles.SERVICE);
    }

    /**
     * Whether the caller's permission profile leaves {@code entry} to their role (USR-07). The super admin's
     * profile narrows nothing: the organization's administrator of last resort (ORG-04) can always mend a
     * profile that locked everyone else out.
     */
    public boolean profileAllows(ProfilePermission entry) {
        return roles.contains(Roles.SUPER_ADMIN) || profile.allows(entry);
    }
}
