package dev.kaigi.integration.mailoption;

/** Whom a mail-option user's mail is shared with (INT-07, INT-08, INT-09). */
public enum Sharing {
    /** Every user related to a record sees the mail about it; a backup may be taken. */
    SHARE_ALL,
    /** Nobody but the user: no backup, no lock, no "latest backup". */
    DONT_SHARE
}
