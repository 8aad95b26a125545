package dev.kaigi.integration.calendar;

import dev.kaigi.events.integration.BusyInterval;

import java.util.ArrayList;
import java.util.List;

/**
 * Busy times without the meetings Kaigi itself put in the calendar. Free/busy answers carry no event ids, only
 * times (Google even merges touching events into one interval), so a booking's own event is cut out by its time:
 * otherwise a host's meeting would block moving it by half an hour. What a booking's event overlaps of another
 * event is its own time anyway, which scheduling-service holds for the booking.
 */
final class OwnEvents {

    private OwnEvents() {
    }

    /** {@code busy} with every interval of {@code own} taken out of it. */
    static List<BusyInterval> withoutOwn(List<BusyInterval> busy, List<BusyInterval> own) {
        List<BusyInterval> left = busy;
        for (BusyInterval cut : own) {
            List<BusyInterval> next = new ArrayList<>(left.size() + 1);
            for (BusyInterval b : left) {
                if (!cut.start().isBefore(b.end()) || !cut.end().isAfter(b.start())) {
                    next.add(b);
                    continue;
                }
                if (b.start().isBefore(cut.start())) {
                    next.add(new BusyInterval(b.start(), cut.start()));
                }
                if (b.end().isAfter(cut.end())) {
                    next.add(new BusyInterval(cut.end(), b.end()));
                }
            }
            left = next;
        }
        return left;
    }
}
