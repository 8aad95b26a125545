package dev.kaigi.integration.mailoption.backup;

import dev.kaigi.integration.mailoption.ImapSecurity;
import dev.kaigi.integration.mailoption.MailOptionConfig;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A user's mailbox read over IMAP (Angus Mail), read-only: folders are opened with EXAMINE, so nothing is marked
 * seen. Timeouts bound every connect and read, so a server that stops answering fails the attempt instead of
 * holding the worker.
 */
final class ImapMailbox implements AutoCloseable {

    private final Store store;

    private ImapMailbox(Store store) {
        this.store = store;
    }

    static ImapMailbox open(MailboxLogin login, MailOptionConfig.Backup config) throws MessagingException {
        String protocol = login.security() == ImapSecurity.SSL ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(config.connectTimeout().toMillis()));
        p.put("mail." + protocol + ".timeout", String.valueOf(config.readTimeout().toMillis()));
        // a whole message in one FETCH instead of 16 KiB pieces: a backup reads every byte anyway
        p.put("mail." + protocol + ".partialfetch", "false");
        if (login.security() == ImapSecurity.STARTTLS) {
            p.put("mail.imap.starttls.enable", "true");
            p.put("mail.imap.starttls.required", "true");
        }
        if (login.security() != ImapSecurity.NONE) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Store store = Session.getInstance(p).getStore(protocol);
        store.connect(login.host(), login.port(), login.username(), login.password());
        return new ImapMailbox(store);
    }

    /** The folders that hold messages, by name, so every run goes through them in the same order. */
    List<String> folders() throws MessagingException {
        return Arrays.stream(store.getDefaultFolder().list("*"))
                .filter(f -> {
                    try {
                        return (f.getType() & Folder.HOLDS_MESSAGES) != 0;
                    } catch (MessagingException e) {
                        return false; // a folder that cannot say what it holds cannot be opened either
                    }
                })
                .map(Folder::getFullName).sorted().toList();
    }

    OpenFolder open(String name) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) store.getFolder(name);
        folder.open(Folder.READ_ONLY);
        return new OpenFolder(folder);
    }

    @Override
    public void close() {
        try {
            store.close();
        } catch (MessagingException e) {
            // logging out of a server that went away changes nothing for the copies already made
        }
    }

    /** One folder, opened read-only. */
    static final class OpenFolder implements AutoCloseable {

        private final IMAPFolder folder;

        private OpenFolder(IMAPFolder folder) {
            this.folder = folder;
        }

        long uidValidity() throws MessagingException {
            return folder.getUIDValidity();
        }

        /** The messages after UID {@code after}, in UID order (their envelopes not read yet). */
        List<Message> after(long after) throws MessagingException {
            Message[] found = folder.getMessagesByUID(after + 1, UIDFolder.MAXUID);
            List<Message> newer = new ArrayList<>(found.length);
            for (Message m : found) {
                // "n:*" names the last message even when its UID is below n (RFC 3501 6.4.8)
                if (m != null && uid(m) > after) {
                    newer.add(m);
                }
            }
            return newer;
        }

        /** Reads the envelopes (addresses, subject, date, Message-ID) and sizes of {@code batch} in one command. */
        void readEnvelopes(List<Message> batch) throws MessagingException {
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.SIZE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(batch.toArray(Message[]::new), profile);
        }

        long uid(Message m) throws MessagingException {
            return folder.getUID(m);
        }

        /**
         * The raw RFC 822 bytes of {@code messages}, as the server keeps them, in one {@code FETCH BODY.PEEK[]}: one
         * round trip for them all instead of one per message. A message the answer left out is read on its own.
         */
        Map<Message, byte[]> raw(List<Message> messages) throws MessagingException, IOException {
            Map<Integer, Message> byNumber = new HashMap<>();
            messages.forEach(m -> byNumber.put(m.getMessageNumber(), m));
            int[] numbers = byNumber.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            Map<Message, byte[]> raw = new HashMap<>();
            folder.doCommand(protocol -> {
                Response[] answer = protocol.fetch(MessageSet.createMessageSets(numbers), "BODY.PEEK[]");
                for (Response r : answer) {
                    if (r instanceof FetchResponse f && byNumber.containsKey(f.getNumber())) {
                        BODY body = f.getItem(BODY.class);
                        if (body != null && !body.isHeader() && body.getByteArray() != null) {
                            ByteArray bytes = body.getByteArray();
                            raw.put(byNumber.get(f.getNumber()), Arrays.copyOfRange(bytes.getBytes(), bytes.getStart(),
                                    bytes.getStart() + bytes.getCount()));
                        }
                    }
                }
                protocol.notifyResponseHandlers(answer);
                protocol.handleResult(answer[answer.length - 1]);
                return null;
            });
            for (Message m : messages) {
                if (!raw.containsKey(m)) {
                    ByteArrayOutputStream one = new ByteArrayOutputStream();
                    ((IMAPMessage) m).writeTo(one);
                    raw.put(m, one.toByteArray());
                }
            }
            return raw;
        }

        @Override
        public void close() {
            try {
                folder.close(false);
            } catch (MessagingException e) {
                // as for the store: nothing of ours depends on a clean close
            }
        }
    }
}
