package dev.kaigi.events.scheduling;

/** Why a booked meeting moved to another host. */
public enum ReassignmentReason {
    /** The host was deleted with transfer of their future meetings (LIF-02). */
    HOST_DELETED,
    HOST_DEACTIVATED,
    MANUAL
}
