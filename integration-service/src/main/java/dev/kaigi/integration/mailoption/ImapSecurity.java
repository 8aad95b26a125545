package dev.kaigi.integration.mailoption;

/** How the connection to a user's IMAP server is protected (INT-11). */
public enum ImapSecurity {
    /** TLS from the first byte (IMAPS, usually port 993). */
    SSL,
    /** Plain at first, then STARTTLS, which the server must offer (usually port 143). */
    STARTTLS,
    /** No TLS at all: only where {@code kaigi.mail-option.backup.allow-plain-imap} allows it (local and test servers). */
    NONE
}
