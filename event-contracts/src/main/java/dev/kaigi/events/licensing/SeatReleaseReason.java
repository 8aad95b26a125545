package dev.kaigi.events.licensing;

/** Why a seat was released. */
public enum SeatReleaseReason {
    /** An OWNER unassigned the seat (LIC-03). */
    UNASSIGNED_BY_OWNER,
    USER_DELETED,
    USER_DECLINED,
    USER_REMOVED,
    USER_DEACTIVATED,
    /** The user changed licence type and now holds a seat of the other pool (LIF-04). */
    CONVERTED,
    /** user-service gave back a seat it had taken for an operation that then failed. */
    RETURNED_BY_USER_SERVICE
}
