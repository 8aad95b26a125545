package dev.kaigi.stack.simulators;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The local stack's IMAP mailboxes (INT-11): what the SMTP simulator receives, each recipient reads over IMAP. */
class ImapMailboxesTest {

    @Test
    @DisplayName("INT-11: a mail the SMTP simulator keeps is in each recipient's IMAP mailbox (password demo); a wrong password is refused")
    void recipientsReadTheirMail() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (ImapMailboxes mailboxes = new ImapMailboxes(InetAddress.getLoopbackAddress(), port)) {
            mailboxes.deliver(List.of("Host@Demo.Kaigi.dev", "member1@demo.kaigi.dev"), """
                    From: Taro Yamada <lead@customer.example>
                    To: host@demo.kaigi.dev
                    Cc: member1@demo.kaigi.dev
                    Subject: Friday
                    Message-ID: <friday@customer.example>

                    Can we meet on Friday?
                    """);
            for (String address : new String[] {"host@demo.kaigi.dev", "member1@demo.kaigi.dev"}) {
                Store store = Session.getInstance(new Properties()).getStore("imap");
                store.connect("127.0.0.1", port, address, ImapMailboxes.PASSWORD);
                try {
                    Folder inbox = store.getFolder("INBOX");
                    inbox.open(Folder.READ_ONLY);
                    Message[] messages = inbox.getMessages();
                    assertEquals(1, messages.length, address);
                    assertEquals("Friday", messages[0].getSubject());
                    assertEquals("<friday@customer.example>", messages[0].getHeader("Message-ID")[0]);
                } finally {
                    store.close();
                }
            }
            Store wrong = Session.getInstance(new Properties()).getStore("imap");
            assertThrows(AuthenticationFailedException.class, () -> wrong.connect("127.0.0.1", port, "host@demo.kaigi.dev", "nope"));
        }
    }
}
