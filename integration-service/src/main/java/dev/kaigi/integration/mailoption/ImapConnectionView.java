package dev.kaigi.integration.mailoption;

/** A user's IMAP mailbox as the API shows it (INT-11): where and as whom Kaigi logs in; never the password. */
public record ImapConnectionView(String host, int port, ImapSecurity security, String username) {
}
