package dev.kaigi.chassis.security;

/**
 * The scopes a partner integration's client-credentials token may carry (README "For partners"); the
 * identity provider grants them per client, the services map them to endpoints.
 */
public final class PartnerScopes {

    /** user-service reads: users, teams, the organization, permission profiles, imports, the audit log. */
    public static final String USERS_READ = "users:read";
    /** user-service writes a user-admin integration needs; never the owner's or super admin's own decisions. */
    public static final String USERS_WRITE = "users:write";
    /** scheduling-service reads: work schedules, meeting types, availability, hosts and their eligibility. */
    public static final String SCHEDULES_READ = "schedules:read";
    /** scheduling-service bookings: book, read back and cancel the organization's bookings. */
    public static final String BOOKINGS_WRITE = "bookings:write";
    /** integration-service's webhook subscriptions and their delivery logs, read only (HOOK-01, HOOK-03). */
    public static final String WEBHOOKS_READ = "webhooks:read";
    /** Creating, changing, deleting webhook subscriptions, rotating their secrets and sending deliveries again. */
    public static final String WEBHOOKS_WRITE = "webhooks:write";
    /** user-service's SCIM 2.0 provisioning ({@code /scim/v2}). */
    public static final String SCIM = "scim";

    private PartnerScopes() {
    }
}
