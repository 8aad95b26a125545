package dev.kaigi.integration.calendar;

import dev.kaigi.integration.connection.OAuthConnection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * INT-04: reads the linked calendars' busy times every {@code kaigi.calendar.busy-sync-every}. Each run claims
 * the calendars not read for most of a period ({@code FOR UPDATE SKIP LOCKED}), so with several instances each
 * calendar is read by one of them; a calendar whose read failed is due again at the next run.
 */
@ApplicationScoped
public class CalendarBusySyncJob {

    private static final int MAX_PER_RUN = 2_000;

    @Inject
    EntityManager em;
    @Inject
    CalendarBusySync sync;
    @Inject
    CalendarConfig config;

    @Scheduled(identity = "calendar-busy-sync", every = "{kaigi.calendar.busy-sync-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        syncDue();
    }

    /** Reads the calendars that are due; returns how many busy-time lists were published. */
    public int syncDue() {
        return sync.sync(claimDue());
    }

    @SuppressWarnings("unchecked")
    private List<OAuthConnection> claimDue() {
        String every = config.busySyncEvery().trim();
        Duration period = every.equalsIgnoreCase("off") || every.equalsIgnoreCase("disabled")
                ? Duration.ZERO : DurationConverter.parseDuration(every);
        Instant dueBefore = Instant.now().minus(period.multipliedBy(4).dividedBy(5));
        return QuarkusTransaction.requiringNew().call(() -> {
            List<OAuthConnection> claimed = em.createNativeQuery("""
                            update oauth_connection set last_synced_at = now()
                            where id in (select id from oauth_connection
                                         where user_id is not null and not relink_required
                                             and (last_synced_at is null or last_synced_at < :due)
                                         order by last_synced_at nulls first limit :max
                                         for update skip locked)
                            returning *
                            """, OAuthConnection.class)
                    .setParameter("due", dueBefore).setParameter("max", MAX_PER_RUN).getResultList();
            claimed.forEach(em::detach);
            return claimed;
        });
    }
}
