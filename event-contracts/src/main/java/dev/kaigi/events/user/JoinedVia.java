package dev.kaigi.events.user;

/** How a user became a member of the organization. */
public enum JoinedVia {
    /** The user created the organization and is its first super admin. */
    ORGANIZATION_CREATED,
    INVITATION_ACCEPTED,
    /** Added with the super admin's email domain, so active at once without invitation (INV-04). */
    SAME_DOMAIN,
    /** CSV import (BLK-01). */
    IMPORT,
    SCIM
}
