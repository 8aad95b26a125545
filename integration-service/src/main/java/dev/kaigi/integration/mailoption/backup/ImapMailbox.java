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
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

        /** Reads the envelopes (addresses, subject, date, Message-ID) of {@code batch} in one command. */
        void readEnvelopes(List<Message> batch) throws MessagingException {
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(UIDFolder.FetchProfileItem.UID);
            folder.fetch(batch.toArray(Message[]::new), profile);
        }

        long uid(Message m) throws MessagingException {
            return folder.getUID(m);
        }

        /** The message's raw RFC 822 bytes, as the server keeps them. */
        void writeRaw(Message m, OutputStream out) throws MessagingException, IOException {
            ((IMAPMessage) m).writeTo(out);
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
