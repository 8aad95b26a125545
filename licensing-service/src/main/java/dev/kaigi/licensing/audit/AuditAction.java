package dev.kaigi.licensing.audit;

/** The administrative changes licensing-service records in its audit trail (SEC-02). */
public enum AuditAction {
    /** The organization moved to another plan (LIC-06); team-user licences may have gone with it. */
    PLAN_CHANGED,
    /** Team-user licences switched on or off (LIC-02, LIC-05). */
    TEAM_LICENCES_CHANGED,
    /** More seats of a licence type bought (LIC-01). */
    SEATS_PURCHASED,
    /** The purchased seats of a licence type set to a number. */
    PURCHASED_SEATS_SET,
    /** An OWNER gave a user a seat (LIC-03). */
    SEAT_ASSIGNED,
    /** An OWNER took a user's seat back (LIF-03). */
    SEAT_UNASSIGNED
}
