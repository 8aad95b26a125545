package dev.kaigi.events.licensing;

/** Why a seat was released. */
public enum SeatReleaseReason {
    /** An OWNER unassigned the seat (LIC-03). */
    UNASSIGNED_BY_OWNER,
    USER_DELETED,
    USER_DECLINED,
    USER_REMOVED,
    USER_DEACTIVATED
}
