package dev.kaigi.integration;

import dev.kaigi.integration.mailoption.backup.MailboxBackupWorker;
import dev.kaigi.integration.simulators.ProviderSimulators;
import com.icegreen.greenmail.store.MailFolder;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The copy rate of a mailbox backup (INT-11), outside CI: a GreenMail mailbox of N messages exchanged with a lead,
 * spread over F folders, backed up by the worker with the production batch size, then backed up again (nothing new
 * to copy). GreenMail finds a message's sequence number by copying the folder's UID list, so its FETCH costs grow
 * with the folder: one folder of 10,000 measures GreenMail more than the backup. Runs only when asked, and is no
 * *Test, so no build runs it by itself:
 *
 * <pre>./mvnw -B -ntp -o verify -pl event-contracts,service-chassis,test-support,integration-service \
 *     -Dtest=MailboxBackupRateBench -Dkaigi.bench.mailbox-backup=10000 -Dkaigi.bench.mailbox-backup.folders=10 \
 *     -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 *
 * It prints the figures and writes them to {@code target/mailbox-backup-rate.txt}.
 */
@QuarkusTest
@TestProfile(MailboxBackupRateBench.ProductionBatches.class)
@EnabledIfSystemProperty(named = "kaigi.bench.mailbox-backup", matches = "[1-9][0-9]*")
class MailboxBackupRateBench {

    /** The test profile's small batches and short leases put back to the production defaults. */
    public static class ProductionBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kaigi.mail-option.backup.batch-size", "100", "kaigi.mail-option.backup.lease", "5m",
                    "kaigi.mail-option.backup.read-timeout", "60s");
        }
    }

    @Inject
    AgroalDataSource db;
    @Inject
    MailboxBackupWorker worker;

    @Test
    @DisplayName("INT-11 bench: messages copied per second from an IMAP mailbox into the store")
    void copyRate() throws Exception {
        int messages = Integer.getInteger("kaigi.bench.mailbox-backup");
        int folders = Integer.getInteger("kaigi.bench.mailbox-backup.folders", 1);
        MailboxOrg org = MailboxOrg.create(db);
        var user = ProviderSimulators.imap().getUserManager().getUser(org.mailbox());
        var store = ProviderSimulators.imap().getManagers().getImapHostManager();
        List<MailFolder> into = new ArrayList<>(List.of(store.getInbox(user)));
        for (int f = 1; f < folders; f++) {
            into.add(store.createMailbox(user, "Projects-" + f));
        }
        String text = "Thank you for the meeting. Here is the follow-up we talked about, with the figures.\n".repeat(20);
        for (int i = 0; i < messages; i++) {
            into.get(i % folders).store(Mailboxes.message(i % 2 == 0 ? org.lead() : org.mailbox(),
                    List.of(i % 2 == 0 ? org.mailbox() : org.lead()), List.of(), "Follow-up " + i, text));
        }
        org.deactivate(db);
        Mailboxes.save(org.token(org.owner(), "owner"), org.mailboxUser(), org.mailbox(), Mailboxes.PASSWORD).statusCode(200);

        double copied = timed(org, "backup");
        assertEquals(messages, org.stored(db));
        double again = timed(org, "latest-backup");
        assertEquals(messages, org.stored(db));

        long stored = Fixtures.count(db, "select sum(length(raw_gzip)) from backed_up_message where mailbox_user_id = ?",
                org.mailboxUser());
        long raw = Fixtures.count(db, "select sum(size_bytes) from backed_up_message where mailbox_user_id = ?",
                org.mailboxUser());
        String report = String.format(java.util.Locale.ROOT, """
                        mailbox backup (INT-11), %s, %d messages of %d bytes on average in %d folders, GreenMail in the same JVM, batch 100
                        first backup (all copied):  %.1f s, %.0f messages/s
                        latest backup (none new):   %.1f s, %.0f messages/s
                        stored gzip: %d of %d bytes (%.0f %%)
                        """, Instant.now(), messages, raw / messages, folders, copied, messages / copied, again, messages / again,
                stored, raw, 100.0 * stored / raw);
        System.out.println(report);
        Files.writeString(Path.of("target", "mailbox-backup-rate.txt"), report);
    }

    /** Seconds from the start of a backup of {@code kind} to COMPLETED. */
    private double timed(MailboxOrg org, String kind) throws Exception {
        String backup = org.startBackup(kind);
        long start = System.nanoTime();
        worker.runDue();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals("COMPLETED", MailboxOrg.status(db, backup));
        return seconds;
    }
}
