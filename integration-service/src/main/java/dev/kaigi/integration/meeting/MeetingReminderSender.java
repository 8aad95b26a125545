package dev.kaigi.integration.meeting;

import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Mails the reminders that are due (MTG-07), each exactly once however many instances run: a reminder is claimed
 * with {@code FOR UPDATE SKIP LOCKED} and marked done in the transaction that holds the claim, so another instance
 * skips it while it is mailed and finds it done after. A mail server that is away rolls the claim back and the
 * reminder is tried again on the next round; a restart neither resends (the mark is committed with the claim) nor
 * skips one (a reminder still due is found however late). A reminder whose meeting has begun is not sent.
 */
@ApplicationScoped
public class MeetingReminderSender {

    private static final Logger LOG = Logger.getLogger(MeetingReminderSender.class);
    private static final int MOST_PER_ROUND = 500;

    @Inject
    EntityManager em;
    @Inject
    MeetingReminders reminders;
    @Inject
    MeetingMails mails;
    @Inject
    Clock clock;

    @Scheduled(identity = "meeting-reminders", every = "{kaigi.meetings.reminders-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        sendDue();
    }

    /** Sends the reminders due now, one transaction each; returns how many were handled (sent, skipped or refused). */
    public int sendDue() {
        int handled = 0;
        try {
            while (handled < MOST_PER_ROUND && QuarkusTransaction.requiringNew().call(this::sendNext)) {
                handled++;
            }
        } catch (RuntimeException e) {
            if (!ProviderFailures.isTransient(e)) {
                throw e;
            }
            LOG.warnf("reminders wait for the mail server: %s", e.getMessage());
        }
        return handled;
    }

    /** Claims the reminder due first and mails it; false when none is due. */
    private boolean sendNext() {
        Instant now = clock.instant();
        List<?> due = em.createNativeQuery("""
                        select booking_id, minutes_before, starts_at, starts_at <= :now, cast(meeting as text) from meeting_reminder
                        where outcome is null and due_at <= :now
                        order by due_at limit 1 for update skip locked
                        """).setParameter("now", now).getResultList();
        if (due.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) due.get(0);
        String outcome = "SENT";
        String detail = null;
        if ((Boolean) row[3]) {
            outcome = "SKIPPED";
            detail = "meeting-started";
        } else {
            MeetingReminders.Planned planned = reminders.read((String) row[4]);
            try {
                mails.reminder(planned.meeting(), planned.joinUrl(), ((Number) row[1]).intValue());
            } catch (ProviderRejectedException refused) {
                outcome = "FAILED";
                detail = refused.provider() + ": " + refused.reason();
            }
        }
        em.createNativeQuery("""
                        update meeting_reminder set outcome = :outcome, detail = :detail, done_at = :now
                        where booking_id = :b and minutes_before = :m and starts_at = :s
                        """).setParameter("outcome", outcome).setParameter("detail", detail).setParameter("now", now)
                .setParameter("b", (UUID) row[0]).setParameter("m", row[1]).setParameter("s", row[2]).executeUpdate();
        return true;
    }
}
