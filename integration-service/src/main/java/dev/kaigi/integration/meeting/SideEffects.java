package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.EventPayload;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The record of side effects done for a subject (a booking, an invitation): one row per subject and kind.
 * Each is written in a transaction of its own right after the provider accepted, so it survives the rollback
 * of the event's transaction when a later effect fails: the retried event skips what is recorded. What is
 * left is the short window between a provider's answer and this commit, in which a crash repeats the effect
 * (providers like Zoom and SMTP take no idempotency keys).
 */
@ApplicationScoped
public class SideEffects {

    public enum Kind { ZOOM_MEETING, HOST_MAIL, LEAD_MAIL, SLACK_MENTION, CALENDAR_EVENT, INVITATION_MAIL }

    public enum Outcome { DONE, SKIPPED, FAILED }

    public record Record(Kind kind, Outcome outcome, String result, String detail) {
    }

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;

    public Optional<Record> find(UUID subjectId, Kind kind) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery(
                            "select outcome, result, detail from side_effect where subject_id = :s and kind = :k")
                    .setParameter("s", subjectId).setParameter("k", kind.name()).getResultList();
            return rows.stream().findFirst().map(row -> {
                Object[] r = (Object[]) row;
                return new Record(kind, Outcome.valueOf((String) r[0]), (String) r[1], (String) r[2]);
            });
        });
    }

    /** Records the effect as finished; a second record of the same effect keeps the first. */
    public void record(UUID subjectId, UUID orgId, Kind kind, Outcome outcome, String result, String detail) {
        record(subjectId, orgId, kind, outcome, result, detail, null);
    }

    /**
     * Records the effect as finished and, in the same transaction, publishes {@code announcement}
     * (if any): only the first record of an effect announces it, so the event goes out once.
     */
    public void record(UUID subjectId, UUID orgId, Kind kind, Outcome outcome, String result, String detail,
                       EventPayload announcement) {
        QuarkusTransaction.requiringNew().run(() -> {
            int inserted = em.createNativeQuery("""
                            insert into side_effect (subject_id, kind, org_id, outcome, result, detail)
                            values (:s, :k, :org, :outcome, :result, :detail)
                            on conflict (subject_id, kind) do nothing
                            """)
                    .setParameter("s", subjectId).setParameter("k", kind.name()).setParameter("org", orgId)
                    .setParameter("outcome", outcome.name()).setParameter("result", result).setParameter("detail", detail)
                    .executeUpdate();
            if (inserted == 1 && announcement != null) {
                outbox.publish(announcement);
            }
        });
    }

    public List<Record> all(UUID subjectId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select kind, outcome, result, detail from side_effect where subject_id = :s order by kind")
                .setParameter("s", subjectId).getResultList().stream().map(row -> {
                    Object[] r = (Object[]) row;
                    return new Record(Kind.valueOf((String) r[0]), Outcome.valueOf((String) r[1]), (String) r[2],
                            (String) r[3]);
                }).toList());
    }
}
