package dev.kaigi.scheduling.audit;

/** The administrative changes scheduling-service records in its audit trail (SEC-02). */
public enum AuditAction {
    /** A meeting type and its host pool created (SCH-06). */
    MEETING_TYPE_CREATED,
    /** A meeting type's settings or host pool changed. */
    MEETING_TYPE_UPDATED,
    MEETING_TYPE_DELETED,
    /** A user's work schedule replaced, by the user or an OWNER (SCH-01, SCH-02, SCH-04). */
    WORK_SCHEDULE_UPDATED,
    /** The organization's defaults copied onto a user's schedule (SCH-05). */
    WORK_SCHEDULE_DEFAULTS_APPLIED,
    /** The organization's default schedule set (SCH-05). */
    DEFAULT_WORK_SCHEDULE_SET,
    /** Schedule fields applied from one user to another (BLK-05); one event per changed target. */
    SCHEDULE_FIELDS_APPLIED,
    /** A user's hours for one date set or replaced (AVL-01). */
    DATE_OVERRIDE_SET,
    /** A date override removed: the weekday's rules hold again (AVL-01). */
    DATE_OVERRIDE_REMOVED,
    /** An absence recorded for a user, by them or an OWNER/MANAGER (AVL-02). */
    TIME_OFF_ADDED,
    /** An absence removed (AVL-02). */
    TIME_OFF_REMOVED,
    /** The organization's holiday calendar chosen, changed or given up (AVL-03). */
    HOLIDAY_CALENDAR_SET,
    /** One of the organization's own closed days added or renamed (AVL-03). */
    CLOSED_DAY_SET,
    /** One of the organization's own closed days removed (AVL-03). */
    CLOSED_DAY_DELETED,
    /** A lead's personal data erased from their bookings, as an OWNER asked in user-service (SEC-04). */
    LEAD_ERASED
}
