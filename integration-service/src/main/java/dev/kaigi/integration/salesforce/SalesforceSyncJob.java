package dev.kaigi.integration.salesforce;

import dev.kaigi.chassis.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * SCH-04: every connected organization's opportunity counts, once a day at a fixed time
 * ({@code kaigi.salesforce.sync-cron} in {@code kaigi.salesforce.sync-time-zone}). With several instances
 * each runs the job; an organization is claimed for the day by one of them in the database, so it is read
 * once. One organization's failure does not stop the others; it is retried at the next day's run (or on demand).
 */
@ApplicationScoped
public class SalesforceSyncJob {

    private static final Logger LOG = Logger.getLogger(SalesforceSyncJob.class);

    @Inject
    EntityManager em;
    @Inject
    SalesforceSync sync;
    @Inject
    SalesforceConfig config;

    @Scheduled(identity = "salesforce-daily-sync", cron = "{kaigi.salesforce.sync-cron}",
            timeZone = "{kaigi.salesforce.sync-time-zone}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        runFor(LocalDate.now(config.syncTimeZone()));
    }

    /** Syncs every organization not yet synced by a scheduled run on {@code day}; returns how many were synced. */
    public int runFor(LocalDate day) {
        int synced = 0;
        for (UUID orgId : due(day)) {
            if (!claim(orgId, day)) {
                continue; // another instance has it
            }
            try {
                sync.sync(orgId);
                synced++;
            } catch (ProblemException e) {
                LOG.warnf("daily Salesforce sync of organization %s failed: %s", orgId, e.code());
            } catch (RuntimeException e) {
                LOG.errorf(e, "daily Salesforce sync of organization %s failed", orgId);
            }
        }
        return synced;
    }

    private List<UUID> due(LocalDate day) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select org_id from oauth_connection where provider = 'SALESFORCE' and not relink_required
                            and scheduled_sync_on is distinct from :day
                        order by org_id
                        """, UUID.class)
                .setParameter("day", day).getResultList().stream().map(UUID.class::cast).toList());
    }

    private boolean claim(UUID orgId, LocalDate day) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        update oauth_connection set scheduled_sync_on = :day
                        where org_id = :org and provider = 'SALESFORCE' and scheduled_sync_on is distinct from :day
                        """)
                .setParameter("day", day).setParameter("org", orgId).executeUpdate() == 1);
    }
}
