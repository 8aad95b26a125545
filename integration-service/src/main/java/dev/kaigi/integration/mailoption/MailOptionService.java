package dev.kaigi.integration.mailoption;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.problem.ProblemMessages;
import dev.kaigi.integration.audit.AuditAction;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Mail-option users (INT-06...09). Where the settings come from: user-service knows nothing of mailboxes, so
 * this service owns them; the user saves their mailbox and sharing here ({@code PUT .../settings}), and an
 * admin (OWNER) may set them for a user, e.g. when preparing a mailbox for a backup. Every change takes the
 * setting's row lock, asks {@link MailOptionPolicy} first and changes nothing when it refuses.
 */
@ApplicationScoped
public class MailOptionService {

    private static final String VIEW = """
            select u.user_id, u.email, trim(coalesce(u.last_name, '') || ' ' || coalesce(u.first_name, '')), u.status,
                   s.mailbox_type, s.mailbox_email, s.sharing, s.locked, s.user_saved_at, b.status, b.completed_at, s.version,
                   s.imap_host, s.imap_port, s.imap_security, s.imap_username
            from mail_option_setting s
            join user_profile u on u.user_id = s.user_id and u.org_id = s.org_id
            left join lateral (select status, completed_at from mailbox_backup mb where mb.user_id = s.user_id
                               order by requested_at desc limit 1) b on true
            """;

    @Inject
    EntityManager em;
    @Inject
    UserDirectory users;
    @Inject
    AuditTrail audit;
    @Inject
    ImapPasswords passwords;
    @Inject
    MailOptionConfig config;

    public record Settings(MailboxType mailboxType, String mailboxEmail, Sharing sharing) {
    }

    /** The IMAP mailbox a backup reads (INT-11), with the password in clear as the caller sent it. */
    public record ImapConnection(String host, int port, ImapSecurity security, String username, String password) {
    }

    /** INT-06: the organization's active and deactivated mail-option users, in email order, one page. */
    public Page<MailOptionUserView> list(UUID orgId, Optional<String> status, PageRequest page) {
        String where = " where s.org_id = :org and u.status in (:statuses)";
        List<String> statuses = status.map(List::of).orElse(List.of("ACTIVE", "DEACTIVATED"));
        long total = ((Number) em.createNativeQuery("select count(*) from mail_option_setting s join user_profile u"
                        + " on u.user_id = s.user_id and u.org_id = s.org_id" + where)
                .setParameter("org", orgId).setParameter("statuses", statuses).getSingleResult()).longValue();
        List<?> rows = em.createNativeQuery(VIEW + where + " order by u.email, u.user_id limit :limit offset :offset")
                .setParameter("org", orgId).setParameter("statuses", statuses)
                .setParameter("limit", page.size()).setParameter("offset", page.offset()).getResultList();
        return Page.of(rows.stream().map(r -> view((Object[]) r)).toList(), page, total);
    }

    public MailOptionUserView get(UUID orgId, UUID userId) {
        List<?> rows = em.createNativeQuery(VIEW + " where s.org_id = :org and s.user_id = :user")
                .setParameter("org", orgId).setParameter("user", userId).getResultList();
        return rows.stream().findFirst().map(r -> view((Object[]) r))
                .orElseThrow(() -> new ProblemException(404, "mail-option-not-set"));
    }

    /** Saves a user's mailbox and sharing; the user's own save is remembered for INT-09. */
    @Transactional
    public MailOptionUserView save(UUID orgId, UUID callerId, UUID userId, Settings settings, Long expectedVersion) {
        MailOptionSetting s = em.find(MailOptionSetting.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (expectedVersion != null && (s == null || s.version != expectedVersion)) {
            throw new ProblemException(412, "precondition-failed"); // changed (or never saved) since the client read it
        }
        Map<String, Object> before = s == null ? null : auditFields(s);
        if (s == null) {
            s = new MailOptionSetting();
            s.userId = userId;
            s.orgId = orgId;
        } else {
            refuse(MailOptionPolicy.saveSettings(callerId, userId, s.locked));
        }
        s.mailboxType = settings.mailboxType();
        s.mailboxEmail = settings.mailboxEmail().trim();
        s.sharing = settings.sharing();
        if (s.sharing == Sharing.DONT_SHARE) { // a lock needs sharing (INT-08); an admin changing it lifts the lock
            s.locked = false;
            s.lockedBy = null;
            s.lockedAt = null;
        }
        if (callerId.equals(userId)) {
            s.userSavedAt = Instant.now();
        }
        s.updatedBy = callerId;
        s.updatedAt = Instant.now();
        em.persist(s);
        em.flush();
        AuditChange saved = AuditChange.of(orgId, AuditAction.MAIL_OPTION_SETTINGS_SAVED).targetUser(userId);
        audit.record(before == null ? saved.after(auditFields(s)) : saved.changedFields(before, auditFields(s)));
        return get(orgId, userId);
    }

    /**
     * INT-11: saves (or, with null, removes) the IMAP mailbox a backup reads, under the same lock rule as the
     * mailbox itself (INT-08). The host must match {@code imap-host-pattern} and the connection use TLS unless plain
     * IMAP is allowed. The user's own save counts as saving their settings (INT-09).
     */
    @Transactional
    public MailOptionUserView saveImap(UUID orgId, UUID callerId, UUID userId, ImapConnection imap) {
        MailOptionSetting s = setting(orgId, userId);
        refuse(MailOptionPolicy.saveSettings(callerId, userId, s.locked));
        if (imap != null) {
            if (!imap.host().trim().matches(config.backup().imapHostPattern())) {
                throw ProblemException.invalidField("host", "imap-host-not-allowed");
            }
            if (imap.security() == ImapSecurity.NONE && !config.backup().allowPlainImap()) {
                throw ProblemException.invalidField("security", "imap-plain-not-allowed");
            }
        }
        Map<String, Object> before = auditFields(s);
        before.put("imapPassword", s.imapPasswordEnc == null ? null : "set"); // whether there is one, never what it is
        s.imapHost = imap == null ? null : imap.host().trim();
        s.imapPort = imap == null ? null : imap.port();
        s.imapSecurity = imap == null ? null : imap.security();
        s.imapUsername = imap == null ? null : imap.username();
        s.imapPasswordEnc = imap == null ? null : passwords.seal(userId, imap.password());
        if (callerId.equals(userId)) {
            s.userSavedAt = Instant.now();
        }
        s.updatedBy = callerId;
        s.updatedAt = Instant.now();
        em.flush();
        Map<String, Object> after = auditFields(s);
        after.put("imapPassword", imap == null ? null : "changed");
        audit.record(AuditChange.of(orgId, AuditAction.MAIL_OPTION_SETTINGS_SAVED).targetUser(userId)
                .changedFields(before, after));
        return get(orgId, userId);
    }

    /** INT-08: lock or unlock a user's settings. */
    @Transactional
    public MailOptionUserView lock(UUID orgId, UUID adminId, UUID userId, boolean locking) {
        MailOptionSetting s = setting(orgId, userId);
        refuse(MailOptionPolicy.lock(adminId, userId, users.activeOwners(orgId), s.sharing, locking));
        Map<String, Object> before = auditFields(s);
        s.locked = locking;
        s.lockedBy = locking ? adminId : null;
        s.lockedAt = locking ? Instant.now() : null;
        s.updatedBy = adminId;
        s.updatedAt = Instant.now();
        em.flush();
        audit.record(AuditChange.of(orgId, locking ? AuditAction.MAIL_OPTION_LOCKED : AuditAction.MAIL_OPTION_UNLOCKED)
                .targetUser(userId).changedFields(before, auditFields(s)));
        return get(orgId, userId);
    }

    /** INT-07 ({@code LATEST}: INT-09): starts a backup; {@code backup.MailboxBackupWorker} copies the mail, then completes it. */
    @Transactional
    public MailboxBackupView backup(UUID orgId, UUID adminId, UUID userId, boolean latest) {
        MailOptionSetting s = setting(orgId, userId);
        UserProfile target = users.inOrganization(orgId, userId).orElseThrow(() -> ProblemException.notFound("user"));
        String adminEmail = users.find(adminId).map(u -> u.email).orElse(null);
        refuse(latest
                ? MailOptionPolicy.latestBackup(s.sharing, target.reactivatedAt, s.userSavedAt, s.mailboxEmail, adminEmail)
                : MailOptionPolicy.backup(target.status, s.sharing, s.mailboxEmail, adminEmail));
        refuse(MailOptionPolicy.mailboxReadable(s.imapHost != null));
        boolean running = !em.createNativeQuery("select 1 from mailbox_backup where user_id = :user and status = 'IN_PROGRESS'")
                .setParameter("user", userId).getResultList().isEmpty();
        if (running) {
            throw ProblemException.conflict("backup-in-progress");
        }
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        try {
            em.createNativeQuery("""
                            insert into mailbox_backup (id, org_id, user_id, kind, status, mailbox_email, requested_by,
                                requested_at)
                            values (:id, :org, :user, :kind, 'IN_PROGRESS', :mailbox, :admin, :now)
                            """)
                    .setParameter("id", id).setParameter("org", orgId).setParameter("user", userId)
                    .setParameter("kind", latest ? "LATEST" : "BACKUP").setParameter("mailbox", s.mailboxEmail)
                    .setParameter("admin", adminId).setParameter("now", now).executeUpdate();
        } catch (ConstraintViolationException e) {
            // the setting's row lock orders requests for one user; the unique index is the last word anyway
            throw ProblemException.conflict("backup-in-progress");
        }
        Map<String, Object> started = new LinkedHashMap<>();
        started.put("kind", latest ? "LATEST" : "BACKUP");
        started.put("status", "IN_PROGRESS");
        started.put("mailboxEmail", s.mailboxEmail);
        audit.record(AuditChange.of(orgId, AuditAction.MAILBOX_BACKUP_STARTED).targetUser(userId).target(id).after(started));
        return new MailboxBackupView(id, userId, latest ? "LATEST" : "BACKUP", "IN_PROGRESS", s.mailboxEmail, adminId,
                now, null, 0, 0, null, null, null, null, null, null);
    }

    /**
     * The user's backups, newest first, at most {@code limit}; why one failed, or why it waits for another attempt,
     * in {@code locale}.
     */
    public List<MailboxBackupView> backups(UUID orgId, UUID userId, int limit, Locale locale) {
        return em.createNativeQuery("""
                        select id, user_id, kind, status, mailbox_email, requested_by, requested_at, completed_at,
                               messages_copied, attempts, next_attempt_at, last_error, failure_reason, failed_at
                        from mailbox_backup where org_id = :org and user_id = :user order by requested_at desc limit :limit
                        """)
                .setParameter("org", orgId).setParameter("user", userId).setParameter("limit", limit)
                .getResultList().stream().map(row -> {
                    Object[] r = (Object[]) row;
                    String waiting = "IN_PROGRESS".equals(r[3]) ? (String) r[11] : null;
                    return new MailboxBackupView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                            (UUID) r[5], instant(r[6]), instant(r[7]), ((Number) r[8]).intValue(), ((Number) r[9]).intValue(),
                            waiting, waiting == null ? null : backupText(locale, waiting), waiting == null ? null : instant(r[10]),
                            (String) r[12], r[12] == null ? null : backupText(locale, (String) r[12]), instant(r[13]));
                }).toList();
    }

    private static String backupText(Locale locale, String reason) {
        return ProblemMessages.text(locale, "mailbox-backup." + reason);
    }

    /** A user's mail-option settings as the audit trail shows them (SEC-02). */
    private static Map<String, Object> auditFields(MailOptionSetting s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("mailboxType", s.mailboxType);
        fields.put("mailboxEmail", s.mailboxEmail);
        fields.put("sharing", s.sharing);
        fields.put("locked", s.locked);
        fields.put("imapHost", s.imapHost);
        fields.put("imapPort", s.imapPort);
        fields.put("imapSecurity", s.imapSecurity);
        fields.put("imapUsername", s.imapUsername);
        return fields;
    }

    private MailOptionSetting setting(UUID orgId, UUID userId) {
        MailOptionSetting s = em.find(MailOptionSetting.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (s == null || !s.orgId.equals(orgId)) {
            throw new ProblemException(404, "mail-option-not-set");
        }
        return s;
    }

    /** Refuses with the policy's code: 403 when the caller may not do it at all, 409 when the user's state forbids it. */
    private static void refuse(Optional<String> refusal) {
        refusal.ifPresent(code -> {
            throw new ProblemException("own-lock-not-allowed".equals(code) ? 403 : 409, code);
        });
    }

    private static MailOptionUserView view(Object[] r) {
        String status = (String) r[3];
        String backup = "DEACTIVATED".equals(status) ? (r[9] == null ? "NONE" : (String) r[9]) : null;
        return new MailOptionUserView((UUID) r[0], (String) r[1], (String) r[2], status, MailboxType.valueOf((String) r[4]),
                (String) r[5], Sharing.valueOf((String) r[6]), (Boolean) r[7], instant(r[8]), backup,
                "DEACTIVATED".equals(status) ? instant(r[10]) : null, ((Number) r[11]).longValue(),
                r[12] == null ? null : new ImapConnectionView((String) r[12], ((Number) r[13]).intValue(),
                        ImapSecurity.valueOf((String) r[14]), (String) r[15]));
    }

    /** A timestamp column as the driver hands it over. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
