package dev.kaigi.integration.mailoption;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
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
                   s.mailbox_type, s.mailbox_email, s.sharing, s.locked, s.user_saved_at, b.status, b.completed_at, s.version
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

    public record Settings(MailboxType mailboxType, String mailboxEmail, Sharing sharing) {
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

    /** INT-07 ({@code LATEST}: INT-09): starts a backup; {@link MailboxBackupWorker} completes it. */
    @Transactional
    public MailboxBackupView backup(UUID orgId, UUID adminId, UUID userId, boolean latest) {
        MailOptionSetting s = setting(orgId, userId);
        UserProfile target = users.inOrganization(orgId, userId).orElseThrow(() -> ProblemException.notFound("user"));
        String adminEmail = users.find(adminId).map(u -> u.email).orElse(null);
        refuse(latest
                ? MailOptionPolicy.latestBackup(s.sharing, target.reactivatedAt, s.userSavedAt, s.mailboxEmail, adminEmail)
                : MailOptionPolicy.backup(target.status, s.sharing, s.mailboxEmail, adminEmail));
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
                now, null);
    }

    /** The user's backups, newest first, at most {@code limit}. */
    public List<MailboxBackupView> backups(UUID orgId, UUID userId, int limit) {
        return em.createNativeQuery("""
                        select id, user_id, kind, status, mailbox_email, requested_by, requested_at, completed_at
                        from mailbox_backup where org_id = :org and user_id = :user order by requested_at desc limit :limit
                        """)
                .setParameter("org", orgId).setParameter("user", userId).setParameter("limit", limit)
                .getResultList().stream().map(row -> {
                    Object[] r = (Object[]) row;
                    return new MailboxBackupView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                            (UUID) r[5], instant(r[6]), instant(r[7]));
                }).toList();
    }

    /** A user's mail-option settings as the audit trail shows them (SEC-02). */
    private static Map<String, Object> auditFields(MailOptionSetting s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("mailboxType", s.mailboxType);
        fields.put("mailboxEmail", s.mailboxEmail);
        fields.put("sharing", s.sharing);
        fields.put("locked", s.locked);
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
                "DEACTIVATED".equals(status) ? instant(r[10]) : null, ((Number) r[11]).longValue());
    }

    /** A timestamp column as the driver hands it over. */
    static Instant instant(Object value) {
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
