package dev.kaigi.events.user;

/** A user's role in their organization (ORG-02); the super admin is an OWNER with a flag, not a role. */
public enum Role {
    OWNER,
    MANAGER,
    MEMBER,
    RESTRICTED
}
