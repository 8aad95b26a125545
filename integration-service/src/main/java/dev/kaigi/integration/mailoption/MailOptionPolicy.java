package dev.kaigi.integration.mailoption;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The mail-option rules as pure functions: each answers the problem code that refuses the action, or empty
 * when it is allowed. The service asks them before changing anything, so a refusal changes nothing.
 */
public final class MailOptionPolicy {

    private MailOptionPolicy() {
    }

    /**
     * INT-08: with several admins, an admin cannot lock or unlock their own settings, only other users'; a
     * sole admin can. A user whose sharing is "don't share" cannot be locked (unlocking is always possible).
     */
    public static Optional<String> lock(UUID admin, UUID target, long admins, Sharing sharing, boolean locking) {
        if (admin.equals(target) && admins > 1) {
            return Optional.of("own-lock-not-allowed");
        }
        if (locking && sharing == Sharing.DONT_SHARE) {
            return Optional.of("lock-needs-sharing");
        }
        return Optional.empty();
    }

    /**
     * INT-07: a backup is taken of a deactivated user only, whose sharing is "share all" and whose mailbox's
     * domain is the admin's.
     */
    public static Optional<String> backup(String targetStatus, Sharing sharing, String mailboxEmail, String adminEmail) {
        if (!"DEACTIVATED".equals(targetStatus)) {
            return Optional.of("backup-user-not-deactivated");
        }
        if (sharing != Sharing.SHARE_ALL) {
            return Optional.of("backup-needs-share-all");
        }
        return sameDomain(mailboxEmail, adminEmail) ? Optional.empty() : Optional.of("backup-domain-mismatch");
    }

    /**
     * INT-09: "latest backup" is refused when the user changed sharing to "don't share", or was activated again
     * and has not saved their mail settings since; the INT-07 domain rule holds as for any backup.
     */
    public static Optional<String> latestBackup(Sharing sharing, Instant reactivatedAt, Instant userSavedAt,
                                                String mailboxEmail, String adminEmail) {
        if (sharing == Sharing.DONT_SHARE) {
            return Optional.of("latest-backup-sharing-off");
        }
        if (reactivatedAt != null && (userSavedAt == null || userSavedAt.isBefore(reactivatedAt))) {
            return Optional.of("latest-backup-settings-not-saved");
        }
        return sameDomain(mailboxEmail, adminEmail) ? Optional.empty() : Optional.of("backup-domain-mismatch");
    }

    /** INT-11: a backup copies over IMAP, so the user's IMAP mailbox must have been saved. */
    public static Optional<String> mailboxReadable(boolean imapSaved) {
        return imapSaved ? Optional.empty() : Optional.of("backup-needs-imap");
    }

    /** INT-08: a locked user cannot change their own sharing or mailbox; an admin may change them for the user. */
    public static Optional<String> saveSettings(UUID caller, UUID target, boolean locked) {
        return locked && caller.equals(target) ? Optional.of("mail-settings-locked") : Optional.empty();
    }

    static boolean sameDomain(String a, String b) {
        return a != null && b != null && a.contains("@") && b.contains("@")
                && domain(a).equals(domain(b));
    }

    private static String domain(String email) {
        return email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
    }
}
