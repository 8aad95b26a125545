package dev.kaigi.events.scheduling;

/** Why a booked meeting moved to another host. */
public enum ReassignmentReason {
    /** The host was deleted with transfer of their future meetings (LIF-02). */
    HOST_DELETED,
    /** The host was deactivated (MTG-05). */
    HOST_DEACTIVATED,
    /** An administrator handed the meeting to a named host (MTG-04). */
    MANUAL,
    /** The host was removed from the organization (MTG-05). */
    HOST_REMOVED,
    /** The host became a team user, who cannot host (MTG-05). */
    HOST_CONVERTED,
    /** The host lost their seat (MTG-05). */
    HOST_SEAT_RELEASED,
    /** The host recorded time off over the meeting (AVL-02, MTG-05). */
    HOST_ABSENT
}
