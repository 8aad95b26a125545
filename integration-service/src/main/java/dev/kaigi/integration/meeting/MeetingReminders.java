package dev.kaigi.integration.meeting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Plans a booking's reminders (MTG-07) as its steps arrive, in the step's transaction, so a step rolled back for a
 * retry has planned nothing and a stale step (skipped by {@link BookingSequences}) never reaches here. A booked,
 * rescheduled or reassigned meeting has one reminder per offset its event names, due that long before it starts;
 * one due before it was planned (booked at short notice) is skipped, not sent late. A move to another time plans
 * them again at the new time (those of the old time not sent are dropped; those sent stay as the booking's record);
 * a new host alone changes what the next reminders say. A cancellation drops those not sent. {@link MeetingReminderSender} sends them.
 */
@ApplicationScoped
class MeetingReminders {

    /** What a reminder's mail shows: the step as its event told it, and the meeting's join link then. */
    record Planned(MeetingChange meeting, String joinUrl) {
    }

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    Clock clock;

    void plan(MeetingChange c, String joinUrl) {
        if (c.cancelled() || c.leadErased()) { // SEC-04: an erased lead is reminded of nothing
            em.createNativeQuery("delete from meeting_reminder where booking_id = :b and outcome is null")
                    .setParameter("b", c.bookingId()).executeUpdate();
            return;
        }
        // an event that does not name reminders (an older producer's) keeps the ones planned
        String offsets = c.reminderMinutesBefore() != null ? arrayText(c.reminderMinutesBefore())
                : "{" + em.createNativeQuery("select distinct minutes_before from meeting_reminder where booking_id = :b")
                .setParameter("b", c.bookingId()).getResultList().stream().map(String::valueOf).collect(Collectors.joining(",")) + "}";
        em.createNativeQuery("""
                        delete from meeting_reminder
                        where booking_id = :b and outcome is null
                          and (starts_at <> cast(:s as timestamptz) or minutes_before <> all (cast(:offsets as integer[])))
                        """).setParameter("b", c.bookingId()).setParameter("s", c.startsAt()).setParameter("offsets", offsets)
                .executeUpdate();
        em.createNativeQuery("""
                        insert into meeting_reminder (booking_id, minutes_before, org_id, starts_at, due_at, meeting, outcome,
                                                      detail, done_at)
                        select :b, p.m, :o, p.starts_at, p.due_at, cast(:meeting as jsonb),
                               case when p.late then 'SKIPPED' end, case when p.late then 'due-before-planned' end,
                               case when p.late then p.now end
                        from (select m, cast(:s as timestamptz) as starts_at,
                                     cast(:s as timestamptz) - make_interval(mins => m) as due_at,
                                     cast(:s as timestamptz) - make_interval(mins => m) <= cast(:now as timestamptz) as late,
                                     cast(:now as timestamptz) as now
                              from unnest(cast(:offsets as integer[])) m) p
                        where p.m > 0
                        on conflict (booking_id, minutes_before, starts_at) do update
                        set org_id = excluded.org_id, meeting = excluded.meeting
                        """)
                .setParameter("b", c.bookingId()).setParameter("o", c.orgId()).setParameter("s", c.startsAt())
                .setParameter("meeting", write(new Planned(c, joinUrl))).setParameter("now", clock.instant())
                .setParameter("offsets", offsets).executeUpdate();
    }

    Planned read(String planned) {
        try {
            return json.readValue(planned, Planned.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a planned reminder that cannot be read", e);
        }
    }

    private String write(Planned planned) {
        try {
            return json.writeValueAsString(planned);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reminder that cannot be planned", e);
        }
    }

    /** {@code minutes} as PostgreSQL's text form of an integer array, e.g. {@code {60,1440}}. */
    private static String arrayText(List<Integer> minutes) {
        return minutes.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
