package dev.kaigi.testsupport.authz;

import java.util.List;

/**
 * The kinds of caller every endpoint is tried with, in the order of the columns of each service's
 * authorization table. The kinds after {@link #SERVICE} have no column of their own: most present a
 * token no service may accept (SEC-01) and must answer as {@link #EXPIRED} does, on every endpoint;
 * {@link #OWNER_WITHOUT_PROFILE_PERMISSIONS} answers as {@link #OWNER} does, or 403 where the row says a
 * permission profile entry is needed ({@link Endpoint#inProfileAs}).
 */
public enum CallerKind {
    /** No token at all. */
    ANONYMOUS,
    /** An OWNER's well-signed token whose lifetime is over. */
    EXPIRED,
    /** A MEMBER's token whose payload was edited to say OWNER after signing. */
    TAMPERED,
    RESTRICTED,
    MEMBER,
    MANAGER,
    OWNER,
    /** The organization's representative administrator (roles owner and super_admin). */
    SUPER_ADMIN,
    /** Another organization's super admin, presenting the fixture organization's ids. */
    OTHER_ORG_SUPER_ADMIN,
    /** A partner client of the organization holding the scope the endpoint needs (every scope when it needs none). */
    PARTNER_WITH_SCOPE,
    /** A partner client of the organization holding every scope but the one the endpoint needs. */
    PARTNER_WITHOUT_SCOPE,
    /** An OWNER whom user-service has deactivated, presenting a token that has not expired yet. */
    DEACTIVATED,
    /** Another Kaigi service (role service, no tenant). */
    SERVICE,
    /** An OWNER's ID token (type {@code ID}, meant for the frontend client) sent as a bearer token. */
    ID_TOKEN,
    /** An OWNER's access token of this realm issued to another application (audience not Kaigi). */
    FOREIGN_AUDIENCE,
    /** An OWNER whose permission profile grants no catalogue entry (USR-07); see {@link ProfilelessOwners}. */
    OWNER_WITHOUT_PROFILE_PERMISSIONS;

    /** The kinds with a column in the tables, in their order. */
    public static final List<CallerKind> WRITTEN_DOWN = List.of(values()).subList(0, SERVICE.ordinal() + 1);

    /**
     * The column whose status this kind must get: its own, {@link #OWNER}'s for the OWNER a profile narrows,
     * or {@link #EXPIRED}'s for a token that must be refused.
     */
    public CallerKind column() {
        if (this == OWNER_WITHOUT_PROFILE_PERMISSIONS) {
            return OWNER;
        }
        return ordinal() <= SERVICE.ordinal() ? this : EXPIRED;
    }
}
