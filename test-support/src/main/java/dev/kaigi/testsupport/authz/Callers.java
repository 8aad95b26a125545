package dev.kaigi.testsupport.authz;

import dev.kaigi.testsupport.TestTokens;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who calls in one fixture: the organization, the user id behind each user kind, another
 * organization and its super admin, and the service name of the service token. A service that
 * keeps its own copy of users (and refuses unknown or deactivated ones) must create these users
 * in its fixture; the others may leave the random ids {@link #inOrganization} picks.
 */
public record Callers(UUID org, Map<CallerKind, UUID> users, UUID otherOrg, UUID otherOrgSuperAdmin, String serviceName) {

    public Callers {
        users = Map.copyOf(users);
    }

    /** Random user ids of {@code org} for every user kind, a random other organization, and user-service's service token. */
    public static Callers inOrganization(UUID org) {
        Map<CallerKind, UUID> users = new EnumMap<>(CallerKind.class);
        for (CallerKind kind : CallerKind.values()) {
            users.put(kind, UUID.randomUUID());
        }
        return new Callers(org, users, UUID.randomUUID(), UUID.randomUUID(), "user-service");
    }

    /** The same callers, with {@code kind} being the user {@code userId}. */
    public Callers with(CallerKind kind, UUID userId) {
        Map<CallerKind, UUID> changed = new EnumMap<>(users);
        changed.put(kind, userId);
        return new Callers(org, changed, otherOrg, otherOrgSuperAdmin, serviceName);
    }

    public Callers withOtherOrganization(UUID otherOrgId, UUID itsSuperAdmin) {
        return new Callers(org, users, otherOrgId, itsSuperAdmin, serviceName);
    }

    public Callers withServiceName(String name) {
        return new Callers(org, users, otherOrg, otherOrgSuperAdmin, name);
    }

    public UUID user(CallerKind kind) {
        return users.get(kind);
    }

    /**
     * The bearer token {@code kind} presents, or null for none.
     *
     * @param neededScope the partner scope the endpoint needs, or null when no scope opens it
     * @param allScopes   every partner scope the service knows
     */
    public String token(CallerKind kind, String neededScope, Set<String> allScopes) {
        return switch (kind) {
            case ANONYMOUS -> null;
            case EXPIRED -> TestTokens.expired(org, user(CallerKind.OWNER), "owner");
            case TAMPERED -> TestTokens.tampered(org, user(CallerKind.MEMBER));
            case RESTRICTED -> TestTokens.user(org, user(kind), "restricted");
            case MEMBER -> TestTokens.user(org, user(kind), "member");
            case MANAGER -> TestTokens.user(org, user(kind), "manager");
            case OWNER -> TestTokens.user(org, user(kind), "owner");
            case SUPER_ADMIN -> TestTokens.user(org, user(kind), "owner", "super_admin");
            case OTHER_ORG_SUPER_ADMIN -> TestTokens.user(otherOrg, otherOrgSuperAdmin, "owner", "super_admin");
            case PARTNER_WITH_SCOPE -> TestTokens.partner(org,
                    (neededScope == null ? allScopes : Set.of(neededScope)).toArray(String[]::new));
            case PARTNER_WITHOUT_SCOPE -> {
                Set<String> others = new LinkedHashSet<>(allScopes);
                others.remove(neededScope);
                yield TestTokens.partner(org, others.toArray(String[]::new));
            }
            case DEACTIVATED -> TestTokens.user(org, user(kind), "owner");
            case SERVICE -> TestTokens.service(serviceName);
            case ID_TOKEN -> TestTokens.idToken(org, user(CallerKind.OWNER), "owner");
            case FOREIGN_AUDIENCE -> TestTokens.foreignAudience(org, user(CallerKind.OWNER), "owner");
            case OWNER_WITHOUT_PROFILE_PERMISSIONS -> TestTokens.user(org, user(kind), "owner");
        };
    }
}
