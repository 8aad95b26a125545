package dev.kaigi.integration;

import dev.kaigi.integration.simulators.ProviderSimulators;
import io.restassured.response.ValidatableResponse;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Users' IMAP mailboxes on the simulators' GreenMail (INT-11): made, filled as a mail client would, and saved in Kaigi. */
final class Mailboxes {

    static final String PASSWORD = "imap-secret-Pa55";

    private Mailboxes() {
    }

    /** A mailbox on the IMAP server for {@code email}, logging in as {@code email} with {@link #PASSWORD}. */
    static void create(String email) {
        ProviderSimulators.imap().setUser(email, email, PASSWORD);
    }

    /** The user's IMAP login saved in Kaigi (the user themself or an OWNER, by {@code token}). */
    static ValidatableResponse save(String token, UUID user, String login, String password) {
        return given().auth().oauth2(token).contentType("application/json")
                .body("{\"host\":\"127.0.0.1\",\"port\":" + ProviderSimulators.imap().getImap().getPort()
                        + ",\"security\":\"NONE\",\"username\":\"" + login + "\",\"password\":\"" + password + "\"}")
                .put("/api/v1/mail-option-users/{id}/imap-connection", user).then();
    }

    /** A message as a mail client would write it. */
    static MimeMessage message(String from, List<String> to, List<String> cc, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom(new InternetAddress(from));
        for (String t : to) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(t));
        }
        for (String c : cc) {
            m.addRecipient(Message.RecipientType.CC, new InternetAddress(c));
        }
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.setSentDate(new Date());
        m.saveChanges();
        return m;
    }

    /** Appends {@code messages} to {@code folder} of the mailbox (made if missing), over IMAP. */
    static void append(String email, String folder, List<MimeMessage> messages) throws Exception {
        fill(email, folder, false, messages);
    }

    /**
     * Deletes {@code folder} and makes it again with {@code messages}, as a server rebuilding its index would: the
     * folder gets a new UIDVALIDITY (GreenMail's is the second it was made in) and its UIDs start again at 1.
     */
    static void recreate(String email, String folder, List<MimeMessage> messages) throws Exception {
        fill(email, folder, true, messages);
    }

    private static void fill(String email, String folder, boolean again, List<MimeMessage> messages) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", ProviderSimulators.imap().getImap().getPort(), email, PASSWORD);
        try {
            Folder f = store.getFolder(folder);
            if (again && f.exists()) {
                f.delete(true);
            }
            if (!f.exists()) {
                f.create(Folder.HOLDS_MESSAGES);
            }
            f.appendMessages(messages.toArray(Message[]::new));
        } finally {
            store.close();
        }
    }
}
