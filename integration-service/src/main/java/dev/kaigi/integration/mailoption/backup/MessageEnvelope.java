package dev.kaigi.integration.mailoption.backup;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The headers a backup judges a message by and a list shows: who exchanged it, its subject and date, and the key
 * it is kept under once per mailbox (its Message-ID, or its place in the mailbox when it has none).
 *
 * @param from the From header for a person ({@code Name <address>}), or null
 * @param addresses every address of From, Sender, Reply-To, To, Cc and Bcc, lower case
 */
record MessageEnvelope(String folder, long uidValidity, long uid, String messageId, String from, List<String> to,
                       List<String> cc, String subject, Instant sentAt, Set<String> addresses) {

    private static final int MAX_KEY = 998; // a header line's limit (RFC 5322 2.1.1)

    static MessageEnvelope of(String folder, long uidValidity, long uid, Message m) throws MessagingException {
        Set<String> addresses = new LinkedHashSet<>();
        List<String> from = shown(m.getFrom(), addresses);
        collect(m.getReplyTo(), addresses);
        List<String> to = shown(m.getRecipients(Message.RecipientType.TO), addresses);
        List<String> cc = shown(m.getRecipients(Message.RecipientType.CC), addresses);
        collect(m.getRecipients(Message.RecipientType.BCC), addresses);
        // from the envelope already read: asking for the header would fetch every header again
        String messageId = m instanceof MimeMessage mime && mime.getMessageID() != null ? mime.getMessageID().trim() : null;
        return new MessageEnvelope(folder, uidValidity, uid, messageId == null || messageId.isEmpty() ? null : messageId,
                from.isEmpty() ? null : from.get(0), to, cc, m.getSubject(),
                m.getSentDate() == null ? null : m.getSentDate().toInstant(), addresses);
    }

    /** The organization's leads among the message's addresses, in the message's order. */
    List<String> leadsAmong(Set<String> leads) {
        return addresses.stream().filter(leads::contains).toList();
    }

    /** Once per mailbox: the same message in two folders (or met again by a later backup) is kept once. */
    String key() {
        if (messageId != null && messageId.length() <= MAX_KEY) {
            return "id:" + messageId;
        }
        return "uid:" + uidValidity + "/" + uid + "/" + folder;
    }

    private static List<String> shown(Address[] list, Set<String> addresses) {
        List<String> shown = new ArrayList<>();
        if (list != null) {
            for (Address a : list) {
                if (a instanceof InternetAddress ia) {
                    shown.add(ia.toUnicodeString());
                    if (ia.getAddress() != null) {
                        addresses.add(ia.getAddress().trim().toLowerCase(Locale.ROOT));
                    }
                } else {
                    shown.add(a.toString());
                }
            }
        }
        return shown;
    }

    private static void collect(Address[] list, Set<String> addresses) {
        shown(list, addresses);
    }
}
