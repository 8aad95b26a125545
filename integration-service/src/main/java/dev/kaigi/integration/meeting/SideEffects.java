package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.EventPayload;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The record of side effects done for a subject (a booking, an invitation): one row per subject, sequence and kind.
 * Each is written in a transaction of its own right after the provider accepted, so it survives the rollback
 * of the event's transaction when a later effect fails: the retried event skips what is recorded. Before the
 * provider is called, the effect's intent is committed ({@link #intend}): a retried event that finds an intent
 * but no record knows the provider may have done the effect already (a crash or a lost answer between the call
 * and the record), and asks the provider before doing it again where the provider can tell. A record commits
 * without waiting for the WAL flush ({@link #record}): only a crash of the database server in the moment after it
 * could lose it, and then its intent is still there.
 */
@ApplicationScoped
public class SideEffects {

    public enum Kind {
        ZOOM_MEETING, ZOOM_UPDATE, ZOOM_DELETE, CALENDAR_EVENT, CALENDAR_UPDATE, CALENDAR_DELETE,
        HOST_MAIL, PREVIOUS_HOST_MAIL, LEAD_MAIL, SLACK_MENTION, INVITATION_MAIL,
        /** The OWNERs told of the effects of a step that a provider refused for good. */
        ADMIN_ALERT,
        /** A subscriber's mail or Slack message of a step (LIF-05); its subject is {@link MeetingSubscribers#subject}. */
        SUBSCRIBER_MAIL, SUBSCRIBER_SLACK
    }

    public enum Outcome {
        DONE, SKIPPED, FAILED,
        /** Asked of the provider, no outcome recorded yet (an outage being waited out): the log shows it, no record has it. */
        PENDING
    }

    /**
     * One effect done for a subject at a sequence (a booking's SEQUENCE at the event; 0 for anything else).
     *
     * @param accountUserId the user whose Zoom account or calendar holds what the effect created
     */
    public record Record(Kind kind, int sequence, Outcome outcome, String result, String detail, UUID accountUserId) {
    }

    private static final String COLUMNS = "kind, sequence, outcome, result, detail, account_user_id";

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    SideEffectMetrics metrics;

    public Optional<Record> find(UUID subjectId, Kind kind) {
        return find(subjectId, 0, kind);
    }

    public Optional<Record> find(UUID subjectId, int sequence, Kind kind) {
        return first("select " + COLUMNS + " from side_effect where subject_id = :s and sequence = :q and kind = :k",
                subjectId, sequence, kind);
    }

    /** The latest record of {@code kind} for the subject from before {@code sequence}, whatever its outcome. */
    public Optional<Record> latestBefore(UUID subjectId, int sequence, Kind kind) {
        return first("select " + COLUMNS + " from side_effect where subject_id = :s and sequence < :q and kind = :k"
                + " order by sequence desc limit 1", subjectId, sequence, kind);
    }

    private Optional<Record> first(String sql, UUID subjectId, int sequence, Kind kind) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(sql)
                .setParameter("s", subjectId).setParameter("q", sequence).setParameter("k", kind.name())
                .getResultList().stream().findFirst().map(SideEffects::record));
    }

    /**
     * Commits the intent to do the effect, before the provider is called; true when an earlier attempt had
     * committed it already (and recorded no outcome): the provider may have done the effect then.
     */
    public boolean intend(UUID subjectId, UUID orgId, int sequence, Kind kind) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("""
                        insert into side_effect_intent (subject_id, sequence, kind, org_id) values (:s, :q, :k, :org)
                        on conflict (subject_id, sequence, kind) do update set attempts = side_effect_intent.attempts + 1
                        returning attempts
                        """)
                .setParameter("s", subjectId).setParameter("q", sequence).setParameter("k", kind.name())
                .setParameter("org", orgId).getSingleResult()).intValue() > 1);
    }

    /** Records the effect as finished; a second record of the same effect keeps the first. */
    public void record(UUID subjectId, UUID orgId, Kind kind, Outcome outcome, String result, String detail) {
        record(subjectId, orgId, new Record(kind, 0, outcome, result, detail, null), null);
    }

    /**
     * Records the effect as finished and, in the same transaction, publishes {@code announcement}
     * (if any): only the first record of an effect announces it, so the event goes out once.
     */
    public void record(UUID subjectId, UUID orgId, Record done, EventPayload announcement) {
        boolean first = QuarkusTransaction.requiringNew().call(() -> {
            // The record must outlive the event's rollback and the service's crash, which a commit without waiting
            // for the WAL flush gives; only a crash of the database server within a moment of it could lose it, and
            // then the intent (committed before the call, deleted here) is still there, so the retry asks the
            // provider first where it can. The flush costs milliseconds per effect, and a step records up to eight.
            em.createNativeQuery("select set_config('synchronous_commit', 'off', true)").getSingleResult();
            int inserted = em.createNativeQuery("""
                            insert into side_effect (subject_id, sequence, kind, org_id, outcome, result, detail, account_user_id)
                            values (:s, :q, :k, :org, :outcome, :result, :detail, :account)
                            on conflict (subject_id, sequence, kind) do nothing
                            """).unwrap(NativeQuery.class)
                    .setParameter("account", done.accountUserId(), UUID.class) // typed: null must bind as a uuid
                    .setParameter("s", subjectId).setParameter("q", done.sequence()).setParameter("k", done.kind().name())
                    .setParameter("org", orgId).setParameter("outcome", done.outcome().name())
                    .setParameter("result", done.result()).setParameter("detail", done.detail())
                    .executeUpdate();
            em.createNativeQuery("delete from side_effect_intent where subject_id = :s and sequence = :q and kind = :k")
                    .setParameter("s", subjectId).setParameter("q", done.sequence()).setParameter("k", done.kind().name())
                    .executeUpdate();
            if (inserted == 1 && announcement != null) {
                outbox.publish(announcement);
            }
            return inserted == 1;
        });
        if (first) {
            metrics.recorded(done.kind(), done.outcome());
        }
    }

    /** What a provider refused for good at {@code sequence}, but the OWNERs' alert itself. */
    public List<Record> failed(UUID subjectId, int sequence) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select " + COLUMNS
                        + " from side_effect where subject_id = :s and sequence = :q and outcome = 'FAILED' and kind <> :alert"
                        + " order by completed_at, kind")
                .setParameter("s", subjectId).setParameter("q", sequence).setParameter("alert", Kind.ADMIN_ALERT.name())
                .getResultList().stream().map(SideEffects::record).toList());
    }

    public List<Record> all(UUID subjectId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select " + COLUMNS + " from side_effect where subject_id = :s order by sequence, kind")
                .setParameter("s", subjectId).getResultList().stream().map(SideEffects::record).toList());
    }

    private static Record record(Object row) {
        Object[] r = (Object[]) row;
        return new Record(Kind.valueOf((String) r[0]), ((Number) r[1]).intValue(), Outcome.valueOf((String) r[2]),
                (String) r[3], (String) r[4], (UUID) r[5]);
    }
}
