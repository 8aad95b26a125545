package dev.kaigi.integration.mailoption.backup;

import dev.kaigi.integration.mailoption.ImapSecurity;

/** Where and as whom a backup logs in to the user's IMAP mailbox; the password in clear, for the login only. */
record MailboxLogin(String host, int port, ImapSecurity security, String username, String password) {

    @Override
    public String toString() {
        return username + "@" + host + ":" + port + " (" + security + ")"; // never the password, even in a log
    }
}
