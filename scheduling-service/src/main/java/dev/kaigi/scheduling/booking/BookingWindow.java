package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.meetingtype.MeetingType;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/** When a meeting of a type may start, seen from {@code now}: on its slot grid, after the minimum notice, within the booking horizon. */
public final class BookingWindow {

    private BookingWindow() {
    }

    public static Instant earliest(MeetingType type, Instant now) {
        return now.plus(Duration.ofMinutes(type.minimumNoticeMinutes));
    }

    public static Instant latest(MeetingType type, Instant now) {
        return now.plus(Duration.ofDays(type.bookingHorizonDays));
    }

    /**
     * Why a meeting cannot start at {@code asked} (400 naming {@code field}), or null when it can: a start
     * is bookable when availability shown in the start's own offset would offer it, on the type's slot
     * grid (every {@code slotStepMinutes} from midnight there) and inside the booking window.
     */
    public static ProblemException refusal(MeetingType type, OffsetDateTime asked, Instant now, String field) {
        Instant start = asked.toInstant();
        if (asked.getNano() != 0 || asked.getSecond() != 0) {
            return ProblemException.invalidField(field, "whole-minutes");
        }
        if (!start.isAfter(now)) {
            return ProblemException.invalidField(field, "in-the-past");
        }
        if ((asked.getHour() * 60 + asked.getMinute()) % type.slotStepMinutes != 0) {
            return ProblemException.invalidField(field, "off-slot-grid", type.slotStepMinutes);
        }
        if (start.isBefore(earliest(type, now))) {
            return ProblemException.invalidField(field, "inside-minimum-notice", type.minimumNoticeMinutes);
        }
        if (start.isAfter(latest(type, now))) {
            return ProblemException.invalidField(field, "beyond-booking-horizon", type.bookingHorizonDays);
        }
        return null;
    }
}
