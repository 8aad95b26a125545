package dev.kaigi.integration.mailoption.backup;

import dev.kaigi.integration.mailoption.MailOptionConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Runs mailbox backups (INT-07, INT-09, INT-11): claims a backup that is due ({@link MailboxBackups#claim}), logs in
 * to the user's IMAP mailbox and goes through its folders in batches: reads the envelopes of a batch, keeps the
 * messages exchanged with the organization's leads, fetches those not copied yet and commits their gzip-compressed
 * raw bytes with the folder's progress (UIDVALIDITY, last UID). A backup interrupted anywhere (the instance died,
 * the server went away) goes on after its last committed batch; a message met twice is kept once. COMPLETED comes
 * after the last folder. A refused login fails the backup with the reason; an unreachable server is tried again
 * later, waiting longer each time, then fails.
 */
@ApplicationScoped
public class MailboxBackupWorker {

    private static final Logger LOG = Logger.getLogger(MailboxBackupWorker.class);

    /** At most this many bytes of messages are read in one command. */
    private static final long FETCH_BYTES = 16L * 1024 * 1024;

    /** This instance, as the claimant of the backups it runs. */
    private final UUID instance = UUID.randomUUID();

    @Inject
    MailboxBackups backups;
    @Inject
    MailOptionConfig config;

    @Scheduled(identity = "mailbox-backups", every = "{kaigi.mail-option.backup-worker-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        runDue();
    }

    /** Runs the backups that are due, one after the other; returns how many were COMPLETED. */
    public int runDue() {
        return runDue(Integer.MAX_VALUE);
    }

    /**
     * As {@link #runDue()}, but stops dead after {@code maxBatches} batches, its backup left claimed as an instance
     * that died would leave it (tests).
     */
    public int runDue(int maxBatches) {
        int[] budget = {maxBatches};
        int completed = 0;
        Optional<MailboxBackups.Claim> claim;
        while (budget[0] > 0 && (claim = backups.claim(instance, config.backup().lease())).isPresent()) {
            if (copy(claim.get(), budget)) {
                completed++;
            }
        }
        return completed;
    }

    /** One backup, to its end or its failure; true when COMPLETED. */
    private boolean copy(MailboxBackups.Claim c, int[] budget) {
        MailboxLogin login;
        try {
            Optional<MailboxLogin> saved = backups.login(c);
            if (saved.isEmpty()) {
                backups.fail(c, "imap-not-saved");
                return false;
            }
            login = saved.get();
        } catch (IllegalStateException unreadable) {
            backups.fail(c, "imap-password-unreadable"); // another key, or a value moved between rows
            return false;
        }
        Set<String> leads = backups.leads(c.orgId());
        try (ImapMailbox mailbox = ImapMailbox.open(login, config.backup())) {
            for (String folder : mailbox.folders()) {
                if (!copyFolder(c, mailbox, folder, leads, budget)) {
                    return false;
                }
            }
        } catch (AuthenticationFailedException refused) {
            LOG.infof("backup %s: login to %s refused", c.id(), login);
            backups.fail(c, "imap-login-failed");
            return false;
        } catch (MessagingException | IOException failure) {
            String reason = reason(failure);
            LOG.infof("backup %s: %s at %s (%s)", c.id(), reason, login, failure);
            if ("imap-tls-failed".equals(reason)) {
                backups.fail(c, reason);
            } else {
                backups.retryLater(c, reason, config.backup().retryBackoff(), config.backup().maxAttempts());
            }
            return false;
        } catch (MailboxBackups.LeaseLost lost) {
            LOG.infof("backup %s: taken over by another instance", c.id());
            return false;
        }
        return backups.complete(c);
    }

    /** One folder from where it was left; false when the batch budget ran out (the backup is left as it is). */
    private boolean copyFolder(MailboxBackups.Claim c, ImapMailbox mailbox, String name, Set<String> leads, int[] budget)
            throws MessagingException, IOException {
        try (ImapMailbox.OpenFolder folder = mailbox.open(name)) {
            long validity = folder.uidValidity();
            Optional<MailboxBackups.Progress> before = backups.progress(c, name);
            // a new UIDVALIDITY renumbered the folder: read it again; the copies' keys keep them single
            boolean same = before.isPresent() && before.get().uidValidity() == validity;
            if (same && before.get().done()) {
                return true;
            }
            List<Message> pending = folder.after(same ? before.get().lastUid() : 0);
            int size = config.backup().batchSize();
            for (int from = 0; from < pending.size() || from == 0; from += size) {
                if (budget[0]-- <= 0) {
                    return false;
                }
                List<Message> batch = pending.subList(from, Math.min(pending.size(), from + size));
                long last = batch.isEmpty() ? (same ? before.get().lastUid() : 0) : folder.uid(batch.get(batch.size() - 1));
                List<MessageCopy> copies = copies(c, folder, name, validity, batch, leads);
                boolean done = from + size >= pending.size();
                backups.commitBatch(c, name, new MailboxBackups.Progress(validity, last, done), copies,
                        config.backup().lease());
            }
            return true;
        }
    }

    /** Of one batch, the messages exchanged with a lead that the mailbox has no copy of yet, read and compressed. */
    private List<MessageCopy> copies(MailboxBackups.Claim c, ImapMailbox.OpenFolder folder, String name, long validity,
                                     List<Message> batch, Set<String> leads) throws MessagingException, IOException {
        if (batch.isEmpty() || leads.isEmpty()) {
            return List.of();
        }
        folder.readEnvelopes(batch);
        Map<String, Message> related = new LinkedHashMap<>(); // by the key the copy is kept under: one per key
        Map<Message, MessageEnvelope> envelopes = new HashMap<>();
        for (Message m : batch) {
            MessageEnvelope e = MessageEnvelope.of(name, validity, folder.uid(m), m);
            if (!e.leadsAmong(leads).isEmpty() && related.putIfAbsent(e.key(), m) == null) {
                envelopes.put(m, e);
            }
        }
        Set<String> known = backups.alreadyCopied(c, related.keySet());
        List<Message> wanted = related.entrySet().stream().filter(r -> !known.contains(r.getKey())).map(Map.Entry::getValue)
                .toList();
        List<MessageCopy> copies = new ArrayList<>();
        for (List<Message> part : bySize(wanted)) {
            Map<Message, byte[]> raw = folder.raw(part);
            for (Message m : part) {
                MessageEnvelope e = envelopes.get(m);
                byte[] bytes = raw.get(m);
                copies.add(new MessageCopy(e, e.leadsAmong(leads), bytes.length, gzip(bytes)));
            }
        }
        return copies;
    }

    /**
     * The messages in runs of at most {@link #FETCH_BYTES} (as the server gave their sizes), each run read in one
     * command: few round trips, and a batch of large messages never all in memory at once.
     */
    private static List<List<Message>> bySize(List<Message> messages) throws MessagingException {
        List<List<Message>> parts = new ArrayList<>();
        List<Message> part = new ArrayList<>();
        long bytes = 0;
        for (Message m : messages) {
            long size = Math.max(0, m.getSize());
            if (!part.isEmpty() && bytes + size > FETCH_BYTES) {
                parts.add(part);
                part = new ArrayList<>();
                bytes = 0;
            }
            part.add(m);
            bytes += size;
        }
        if (!part.isEmpty()) {
            parts.add(part);
        }
        return parts;
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(raw);
        }
        return compressed.toByteArray();
    }

    /** What the admin is told, as a message key {@code mailbox-backup.<reason>}. */
    private static String reason(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SSLException || (t.getMessage() != null && t.getMessage().contains("STARTTLS"))) {
                return "imap-tls-failed";
            }
            if (t instanceof IOException) {
                return "imap-unreachable";
            }
        }
        return "imap-error";
    }
}
