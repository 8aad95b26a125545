package dev.kaigi.events.user;

/** Why a user was deactivated; consumers treat every reason the same but audit and mails differ. */
public enum DeactivationReason {
    /** An administrator deactivated the user (LIF-01). */
    ADMIN,
    /** Team-user licences were disabled (LIC-05). */
    TEAM_LICENCES_DISABLED,
    /** The plan changed to one without team-user licences (LIC-06). */
    PLAN_CHANGED,
    /** The identity provider deprovisioned the user through SCIM. */
    SCIM
}
