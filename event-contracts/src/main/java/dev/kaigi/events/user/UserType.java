package dev.kaigi.events.user;

/** A user's licence type: TEAM users are cheaper, cannot own records and so never host meetings. */
public enum UserType {
    REGULAR,
    TEAM
}
