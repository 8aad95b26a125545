package dev.kaigi.stack.simulators;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The users' mailboxes, for mailbox backups (INT-11): a real IMAP server (GreenMail) where every mail the stack's
 * SMTP server receives is also delivered to each recipient's mailbox. A mailbox is made with its first mail; its
 * login is the address, its password {@value #PASSWORD}. Plain IMAP, no TLS: integration-service is told to allow
 * it for this server only.
 */
final class ImapMailboxes implements AutoCloseable {

    /** The password of every mailbox here (a wrong one is refused, as a real server would). */
    static final String PASSWORD = "demo";

    private static final Session PARSING = Session.getInstance(new Properties());

    private final GreenMail server;

    ImapMailboxes(InetAddress bind, int port) {
        server = new GreenMail(new ServerSetup(port, bind.getHostAddress(), ServerSetup.PROTOCOL_IMAP));
        server.start();
    }

    /** Puts a mail the SMTP server received into each recipient's mailbox, making the mailbox if needed. */
    void deliver(List<String> recipients, String content) {
        try {
            for (String recipient : recipients) {
                MimeMessage message = new MimeMessage(PARSING, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
                mailbox(recipient.trim().toLowerCase(Locale.ROOT)).deliver(message);
            }
        } catch (MessagingException e) {
            System.err.println("simulators: a mail not put into the IMAP mailboxes: " + e);
        }
    }

    private synchronized GreenMailUser mailbox(String address) {
        GreenMailUser user = server.getUserManager().getUser(address);
        return user != null ? user : server.setUser(address, address, PASSWORD);
    }

    @Override
    public void close() {
        server.stop();
    }
}
