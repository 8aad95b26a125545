package dev.kaigi.scheduling.host;

/** A host's standing as user-service announced it; only ACTIVE users can host (SCH-07, LIF-01). */
public enum HostStatus {
    INVITED,
    ACTIVE,
    DEACTIVATED,
    DELETED,
    /** Removed from the organization (LIF-03) or declined the invitation (INV-02): no longer a member. */
    REMOVED;

    /** No event brings a DELETED or REMOVED user back: a returning address is a new user id (LIF-02). */
    public boolean isFinal() {
        return this == DELETED || this == REMOVED;
    }
}
