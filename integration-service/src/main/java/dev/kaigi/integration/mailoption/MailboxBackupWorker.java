package dev.kaigi.integration.mailoption;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.integration.MailboxBackupCompleted;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.UUID;

/**
 * Completes mailbox backups (INT-07): claims IN_PROGRESS backups ({@code FOR UPDATE SKIP LOCKED}, so N
 * instances never complete one twice), marks them COMPLETED and publishes {@code mailbox-backup-completed} in
 * the same transaction. The copy of the mail itself belongs to the mail store, which Kaigi does not have yet:
 * this worker is where that copy will run before the status changes; today it completes at once.
 */
@ApplicationScoped
public class MailboxBackupWorker {

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;

    @Scheduled(identity = "mailbox-backups", every = "{kaigi.mail-option.backup-worker-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        completeWaiting();
    }

    /** Completes the waiting backups; returns how many. */
    public int completeWaiting() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> done = em.createNativeQuery("""
                            update mailbox_backup set status = 'COMPLETED', completed_at = now()
                            where id in (select id from mailbox_backup where status = 'IN_PROGRESS'
                                         order by requested_at limit 100 for update skip locked)
                            returning id, org_id, user_id, completed_at
                            """).getResultList();
            for (Object row : done) {
                Object[] r = (Object[]) row;
                outbox.publish(new MailboxBackupCompleted((UUID) r[1], (UUID) r[2], (UUID) r[0], MailOptionService.instant(r[3])));
            }
            return done.size();
        });
    }
}
