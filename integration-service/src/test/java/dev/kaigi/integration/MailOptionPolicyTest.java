package dev.kaigi.integration;

import dev.kaigi.integration.mailoption.MailOptionPolicy;
import dev.kaigi.integration.mailoption.Sharing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The mail-option rules on their own, case by case (INT-07, INT-08, INT-09). */
class MailOptionPolicyTest {

    private static final UUID ADMIN = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    @DisplayName("INT-08: own settings only for a sole admin; others' always; \"don't share\" never locked but always unlocked")
    void lock() {
        assertEquals(Optional.of("own-lock-not-allowed"), MailOptionPolicy.lock(ADMIN, ADMIN, 2, Sharing.SHARE_ALL, true));
        assertEquals(Optional.of("own-lock-not-allowed"), MailOptionPolicy.lock(ADMIN, ADMIN, 3, Sharing.SHARE_ALL, false));
        assertEquals(Optional.empty(), MailOptionPolicy.lock(ADMIN, ADMIN, 1, Sharing.SHARE_ALL, true));
        assertEquals(Optional.empty(), MailOptionPolicy.lock(ADMIN, ADMIN, 0, Sharing.SHARE_ALL, false));
        assertEquals(Optional.empty(), MailOptionPolicy.lock(ADMIN, OTHER, 5, Sharing.SHARE_ALL, true));
        assertEquals(Optional.of("lock-needs-sharing"), MailOptionPolicy.lock(ADMIN, OTHER, 5, Sharing.DONT_SHARE, true));
        assertEquals(Optional.empty(), MailOptionPolicy.lock(ADMIN, OTHER, 5, Sharing.DONT_SHARE, false));
        assertEquals(Optional.of("mail-settings-locked"), MailOptionPolicy.saveSettings(OTHER, OTHER, true));
        assertEquals(Optional.empty(), MailOptionPolicy.saveSettings(ADMIN, OTHER, true));
        assertEquals(Optional.empty(), MailOptionPolicy.saveSettings(OTHER, OTHER, false));
    }

    @Test
    @DisplayName("INT-07: deactivated, \"share all\", the admin's domain (case-insensitive, after the last @)")
    void backup() {
        assertEquals(Optional.empty(), MailOptionPolicy.backup("DEACTIVATED", Sharing.SHARE_ALL, "a@Acme.test", "boss@acme.TEST"));
        assertEquals(Optional.of("backup-user-not-deactivated"),
                MailOptionPolicy.backup("ACTIVE", Sharing.SHARE_ALL, "a@acme.test", "boss@acme.test"));
        assertEquals(Optional.of("backup-needs-share-all"),
                MailOptionPolicy.backup("DEACTIVATED", Sharing.DONT_SHARE, "a@acme.test", "boss@acme.test"));
        assertEquals(Optional.of("backup-domain-mismatch"),
                MailOptionPolicy.backup("DEACTIVATED", Sharing.SHARE_ALL, "a@sub.acme.test", "boss@acme.test"));
        assertEquals(Optional.of("backup-domain-mismatch"),
                MailOptionPolicy.backup("DEACTIVATED", Sharing.SHARE_ALL, "a@acme.test", null));
    }

    @Test
    @DisplayName("INT-09: \"don't share\" refused first; re-activated and not saved by the user since refused; saved after → allowed")
    void latestBackup() {
        assertEquals(Optional.of("latest-backup-sharing-off"),
                MailOptionPolicy.latestBackup(Sharing.DONT_SHARE, null, null, "a@x.test", "b@x.test"));
        assertEquals(Optional.of("latest-backup-settings-not-saved"),
                MailOptionPolicy.latestBackup(Sharing.SHARE_ALL, T, null, "a@x.test", "b@x.test"));
        assertEquals(Optional.of("latest-backup-settings-not-saved"),
                MailOptionPolicy.latestBackup(Sharing.SHARE_ALL, T, T.minusSeconds(1), "a@x.test", "b@x.test"));
        assertEquals(Optional.empty(), MailOptionPolicy.latestBackup(Sharing.SHARE_ALL, T, T.plusSeconds(1), "a@x.test", "b@x.test"));
        assertEquals(Optional.empty(), MailOptionPolicy.latestBackup(Sharing.SHARE_ALL, null, null, "a@x.test", "b@x.test"));
        assertEquals(Optional.of("backup-domain-mismatch"),
                MailOptionPolicy.latestBackup(Sharing.SHARE_ALL, null, null, "a@x.test", "b@y.test"));
    }
}
