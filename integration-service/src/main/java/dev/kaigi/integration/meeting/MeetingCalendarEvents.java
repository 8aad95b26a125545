package dev.kaigi.integration.meeting;

import dev.kaigi.integration.calendar.CalendarApi;
import dev.kaigi.integration.calendar.CalendarEventWriter;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.meeting.SideEffects.Kind;
import dev.kaigi.integration.meeting.SideEffects.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's calendar side of a booking's steps (INT-04, MTG-06): an event with the lead invited when booked or
 * handed to a host, moved on a reschedule, deleted from the previous host's calendar when it changes hands and
 * from the host's when cancelled. The event in force is the one the latest earlier step wrote.
 */
@ApplicationScoped
class MeetingCalendarEvents {

    @Inject
    SideEffects effects;
    @Inject
    CalendarEventWriter calendars;

    /** Brings the calendars in line with the step; {@code hostKnown} false: the host's calendar is not touched. */
    void apply(MeetingChange c, String joinUrl, boolean hostKnown, Once once) {
        Optional<SideEffects.Record> live = effects.latestBefore(c.bookingId(), c.sequence(), Kind.CALENDAR_EVENT)
                .filter(r -> r.outcome() == Outcome.DONE && r.result() != null);
        boolean moved = live.isPresent() && !c.hostUserId().equals(c.accountOf(live.get()));
        if (c.cancelled() || moved) {
            live.ifPresent(r -> once.run(Kind.CALENDAR_DELETE, () -> written(r, c,
                    () -> calendars.delete(c.bookingId(), r.result()))));
        }
        if (c.cancelled()) {
            return;
        }
        if (!hostKnown) {
            once.run(Kind.CALENDAR_EVENT, () -> Done.skipped("host-unknown"));
        } else if (live.isEmpty() || moved) {
            once.run(Kind.CALENDAR_EVENT, () -> create(c, joinUrl));
        } else {
            SideEffects.Record r = live.get();
            once.run(Kind.CALENDAR_UPDATE, () -> written(r, c,
                    () -> calendars.update(c.bookingId(), r.result(), event(c, joinUrl))));
        }
    }

    /** The meeting in the host's calendar, keyed by the booking and step so a provider keeps one copy of each. */
    private Done create(MeetingChange c, String joinUrl) {
        try {
            return calendars.write(c.orgId(), c.hostUserId(), c.bookingId(), event(c, joinUrl))
                    .map(written -> Done.done(written.eventId(), written.provider()).in(c.hostUserId()))
                    .orElse(Done.skipped("no-calendar"));
        } catch (ConnectionAccess.RelinkRequiredException relink) {
            return Done.skipped("calendar-relink-required");
        }
    }

    /** A change of the event {@code r} wrote; skipped when its link is gone or must be renewed. */
    private static Done written(SideEffects.Record r, MeetingChange c, Supplier<Boolean> change) {
        try {
            return change.get() ? Done.done(r.result(), r.detail()).in(c.accountOf(r)) : Done.skipped("calendar-unlinked");
        } catch (ConnectionAccess.RelinkRequiredException relink) {
            return Done.skipped("calendar-relink-required");
        }
    }

    private static CalendarApi.CalendarEvent event(MeetingChange c, String joinUrl) {
        String key = c.bookingId().toString().replace("-", "") + (c.sequence() == 0 ? "" : "s" + c.sequence());
        return new CalendarApi.CalendarEvent(key, c.meetingTypeName() + " / " + c.lead(),
                c.lead() + "\n" + c.leadEmail() + (joinUrl == null ? "" : "\n" + joinUrl), joinUrl, c.startsAt(),
                c.endsAt(), c.hostTimeZone(), c.leadEmail(), c.leadName());
    }
}
