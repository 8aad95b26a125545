package dev.kaigi.integration.mailoption.backup;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.integration.MailboxBackupCompleted;
import dev.kaigi.integration.mailoption.ImapPasswords;
import dev.kaigi.integration.mailoption.ImapSecurity;
import dev.kaigi.integration.mailoption.MailOptionService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The backups' rows as the worker moves them: claimed under a lease, progress per folder, the copies of one batch
 * with that progress in one transaction, then COMPLETED (with {@code mailbox-backup-completed}), FAILED, or back to
 * wait for another attempt. Every write after the claim names the claimant and finds nothing once another
 * instance took the backup over (its lease ran out), so two instances never both write one backup's progress.
 */
@ApplicationScoped
class MailboxBackups {

    /** A backup this instance holds: whose mailbox, for which organization. */
    record Claim(UUID id, UUID orgId, UUID userId, UUID claimant, int attempts) {
    }

    /** How far a folder was read: UIDVALIDITY then and the highest UID done. */
    record Progress(long uidValidity, long lastUid, boolean done) {
    }

    /** Another instance took the backup over: what this one read since its last batch is dropped. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(UUID backup) {
            super("backup " + backup + " was taken over by another instance");
        }
    }

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    ImapPasswords passwords;

    /**
     * Claims the oldest backup that is due and held by nobody ({@code FOR UPDATE SKIP LOCKED}: instances claiming at
     * once take different ones), for {@code lease}.
     */
    Optional<Claim> claim(UUID claimant, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        update mailbox_backup set claimed_by = :me, lease_until = now() + make_interval(secs => :secs)
                        where id = (select id from mailbox_backup
                                    where status = 'IN_PROGRESS' and (lease_until is null or lease_until < now())
                                      and (next_attempt_at is null or next_attempt_at <= now())
                                    order by requested_at limit 1 for update skip locked)
                        returning id, org_id, user_id, attempts
                        """)
                .setParameter("me", claimant).setParameter("secs", (double) lease.toSeconds())
                .getResultList().stream().findFirst().map(row -> {
                    Object[] r = (Object[]) row;
                    return new Claim((UUID) r[0], (UUID) r[1], (UUID) r[2], claimant, ((Number) r[3]).intValue());
                }));
    }

    /** The user's IMAP login as saved with their mail-option settings; empty when it was removed. */
    Optional<MailboxLogin> login(Claim c) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select imap_host, imap_port, imap_security, imap_username, imap_password_enc
                        from mail_option_setting where user_id = :user and org_id = :org and imap_host is not null
                        """)
                .setParameter("user", c.userId()).setParameter("org", c.orgId()).getResultList().stream().findFirst()
                .map(row -> {
                    Object[] r = (Object[]) row;
                    return new MailboxLogin((String) r[0], ((Number) r[1]).intValue(), ImapSecurity.valueOf((String) r[2]),
                            (String) r[3], passwords.open(c.userId(), (byte[]) r[4]));
                }));
    }

    /** The organization's leads: the addresses its bookings' leads booked with, lower case. */
    Set<String> leads(UUID orgId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("""
                            select distinct lead_email from booking_sequence where org_id = :org and lead_email is not null
                            """).setParameter("org", orgId).getResultList();
            Set<String> leads = new HashSet<>();
            rows.forEach(r -> leads.add((String) r));
            return leads;
        });
    }

    Optional<Progress> progress(Claim c, String folder) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select uid_validity, last_uid, done from mailbox_backup_folder where backup_id = :b and folder = :f
                        """).setParameter("b", c.id()).setParameter("f", folder).getResultList().stream().findFirst()
                .map(row -> {
                    Object[] r = (Object[]) row;
                    return new Progress(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (Boolean) r[2]);
                }));
    }

    /** Of {@code keys}, those the user's mailbox already has copies of. */
    Set<String> alreadyCopied(Claim c, Set<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Set<String> known = new HashSet<>();
            em.createNativeQuery("""
                            select message_key from backed_up_message where mailbox_user_id = :user and message_key in (:keys)
                            """).setParameter("user", c.userId()).setParameter("keys", keys).getResultList()
                    .forEach(k -> known.add((String) k));
            return known;
        });
    }

    /**
     * One batch, in one transaction: the copies (a message copied already is left as it is), the folder's progress, and
     * the lease renewed. Returns how many copies are new.
     *
     * @throws LeaseLost when another instance holds the backup now
     */
    int commitBatch(Claim c, String folder, Progress progress, List<MessageCopy> copies, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int added = 0;
            for (MessageCopy copy : copies) {
                added += insert(c, copy);
            }
            int held = em.createNativeQuery("""
                            update mailbox_backup set messages_copied = messages_copied + :added,
                                                      lease_until = now() + make_interval(secs => :secs)
                            where id = :id and claimed_by = :me and status = 'IN_PROGRESS'
                            """)
                    .setParameter("added", added).setParameter("secs", (double) lease.toSeconds())
                    .setParameter("id", c.id()).setParameter("me", c.claimant()).executeUpdate();
            if (held == 0) {
                throw new LeaseLost(c.id());
            }
            em.createNativeQuery("""
                            insert into mailbox_backup_folder (backup_id, folder, uid_validity, last_uid, done)
                            values (:b, :f, :v, :u, :done)
                            on conflict (backup_id, folder) do update
                            set uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, done = excluded.done,
                                updated_at = now()
                            """)
                    .setParameter("b", c.id()).setParameter("f", folder).setParameter("v", progress.uidValidity())
                    .setParameter("u", progress.lastUid()).setParameter("done", progress.done()).executeUpdate();
            return added;
        });
    }

    private int insert(Claim c, MessageCopy copy) {
        MessageEnvelope e = copy.envelope();
        return em.createNativeQuery("""
                        insert into backed_up_message (id, org_id, mailbox_user_id, backup_id, message_key, folder, uid,
                            message_id, from_address, to_addresses, cc_addresses, subject, sent_at, lead_emails, size_bytes,
                            raw_gzip)
                        select :id, :org, :user, :backup, :key, :folder, :uid, :messageId, :from,
                            string_to_array(cast(:to as text), chr(10)), string_to_array(cast(:cc as text), chr(10)),
                            :subject, cast(:sentAt as timestamptz), string_to_array(cast(:leads as text), chr(10)), :size,
                            :raw
                        -- still a lead of the organization: one erased (SEC-04) since the run read its leads is not copied
                        where exists (select 1 from booking_sequence
                                      where org_id = :org and lead_email = any (string_to_array(cast(:leads as text), chr(10))))
                        on conflict (mailbox_user_id, message_key) do nothing
                        """)
                .setParameter("id", UUID.randomUUID()).setParameter("org", c.orgId()).setParameter("user", c.userId())
                .setParameter("backup", c.id()).setParameter("key", e.key()).setParameter("folder", e.folder())
                .setParameter("uid", e.uid()).setParameter("messageId", e.messageId()).setParameter("from", e.from())
                .setParameter("to", lines(e.to())).setParameter("cc", lines(e.cc())).setParameter("subject", e.subject())
                .setParameter("sentAt", e.sentAt() == null ? null : Timestamp.from(e.sentAt()))
                .setParameter("leads", lines(copy.leads())).setParameter("size", copy.size())
                .setParameter("raw", copy.gzipped()).executeUpdate();
    }

    /** The list as PostgreSQL's string_to_array reads it back: one per line (an address holds no line break). */
    private static String lines(List<String> values) {
        return String.join("\n", values.stream().map(v -> v.replace('\n', ' ').replace('\r', ' ')).toList());
    }

    /** Done: COMPLETED, and {@code mailbox-backup-completed} published in the same transaction. */
    boolean complete(Claim c) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> done = em.createNativeQuery("""
                            update mailbox_backup set status = 'COMPLETED', completed_at = now(), claimed_by = null,
                                                      lease_until = null, next_attempt_at = null, last_error = null
                            where id = :id and claimed_by = :me and status = 'IN_PROGRESS'
                            returning completed_at
                            """).setParameter("id", c.id()).setParameter("me", c.claimant()).getResultList();
            done.forEach(at -> outbox.publish(new MailboxBackupCompleted(c.orgId(), c.userId(), c.id(), MailOptionService.instant(at))));
            return !done.isEmpty();
        });
    }

    /** A failure that another attempt will not mend (the login refused): FAILED with the reason the admin sees. */
    void fail(Claim c, String reason) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update mailbox_backup set status = 'FAILED', failure_reason = :reason, failed_at = now(),
                                                  claimed_by = null, lease_until = null, next_attempt_at = null
                        where id = :id and claimed_by = :me and status = 'IN_PROGRESS'
                        """).setParameter("reason", reason).setParameter("id", c.id()).setParameter("me", c.claimant())
                .executeUpdate());
    }

    /**
     * A failure that may pass (the server unreachable): the backup waits {@code backoff} doubled per earlier attempt,
     * keeping what it copied; after {@code maxAttempts} it is FAILED.
     */
    void retryLater(Claim c, String reason, Duration backoff, int maxAttempts) {
        if (c.attempts() + 1 >= maxAttempts) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "update mailbox_backup set attempts = attempts + 1 where id = :id and claimed_by = :me")
                    .setParameter("id", c.id()).setParameter("me", c.claimant()).executeUpdate());
            fail(c, reason);
            return;
        }
        double wait = backoff.toMillis() / 1000.0 * Math.pow(2, c.attempts());
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        update mailbox_backup set attempts = attempts + 1, last_error = :reason,
                                                  next_attempt_at = now() + make_interval(secs => :wait),
                                                  claimed_by = null, lease_until = null
                        where id = :id and claimed_by = :me and status = 'IN_PROGRESS'
                        """).setParameter("reason", reason).setParameter("wait", wait).setParameter("id", c.id())
                .setParameter("me", c.claimant()).executeUpdate());
    }
}
