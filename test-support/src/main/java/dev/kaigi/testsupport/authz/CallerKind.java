package dev.kaigi.testsupport.authz;

/**
 * The kinds of caller every endpoint is tried with (issue 8 item 1), in the order of the columns of
 * each service's authorization table.
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
    SERVICE
}
