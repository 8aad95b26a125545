package dev.kaigi.integration.meeting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A booking's side-effect log: what each of its events set off, oldest first, what is still waiting for its
 * provider (an intent without a record, shown as PENDING), and its reminders (MTG-07).
 */
@ApplicationScoped
public class SideEffectLogService {

    @Inject
    EntityManager em;

    @Transactional
    public List<SideEffectView> of(UUID bookingId, int max) {
        return em.createNativeQuery("""
                        select sequence, kind, outcome, result, detail, completed_at from side_effect where subject_id = :b
                        union all
                        select cast(meeting -> 'meeting' ->> 'sequence' as integer), 'REMINDER_MAIL',
                               case outcome when 'SENT' then 'DONE' else outcome end, null,
                               minutes_before || ' minutes before' || coalesce('; ' || detail, ''), done_at
                        from meeting_reminder where booking_id = :b and outcome is not null
                        union all
                        select sequence, kind, 'PENDING', null, 'attempts: ' || attempts, started_at from side_effect_intent
                        where subject_id = :b
                        order by 1, 6, 2 limit :max
                        """)
                .setParameter("b", bookingId).setParameter("max", max).getResultList().stream().map(row -> {
                    Object[] r = (Object[]) row;
                    return new SideEffectView(((Number) r[0]).intValue(), (String) r[1],
                            SideEffects.Outcome.valueOf((String) r[2]), (String) r[3], (String) r[4], instant(r[5]));
                }).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    }
}
