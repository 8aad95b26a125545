package dev.kaigi.events.user;

/** A user's lifecycle status (USR-05). */
public enum UserStatus {
    INVITED,
    ACTIVE,
    DEACTIVATED,
    DELETED
}
