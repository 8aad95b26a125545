package dev.kaigi.events.user;

/**
 * The fixed catalogue of what a permission profile may grant (USR-07). A profile narrows what the
 * caller's role allows, never widens it: a MANAGER whose profile lacks {@link #MANAGE_MEETING_TYPES} may not
 * edit meeting types, and no profile makes a MEMBER an administrator.
 */
public enum ProfilePermission {
    /** Invite, edit, deactivate, activate and delete users; their roles and profiles. */
    MANAGE_USERS,
    /** Import users from CSV files. */
    IMPORT_USERS,
    /** Create and edit teams and their members. */
    MANAGE_TEAMS,
    /** Assign and release seats, change the plan. */
    MANAGE_SEATS,
    /** Connect and disconnect the organization's integrations (Salesforce, Slack, mail options). */
    MANAGE_INTEGRATIONS,
    /** Create and edit meeting types and their host pools. */
    MANAGE_MEETING_TYPES,
    /** See and act on every booking of the organization, not only one's own. */
    SEE_ALL_BOOKINGS,
    /** See the organization's reports (e.g. how meetings were distributed). */
    SEE_REPORTS,
    /** Read the audit log. */
    SEE_AUDIT_LOG
}
