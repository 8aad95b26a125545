package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.meetingtype.MeetingType;

import java.time.Duration;
import java.time.Instant;

/** When a meeting of a type may start, seen from {@code now}: after the minimum notice, within the booking horizon. */
public final class BookingWindow {

    private BookingWindow() {
    }

    public static Instant earliest(MeetingType type, Instant now) {
        return now.plus(Duration.ofMinutes(type.minimumNoticeMinutes));
    }

    public static Instant latest(MeetingType type, Instant now) {
        return now.plus(Duration.ofDays(type.bookingHorizonDays));
    }

    /** 400 naming {@code field} when a meeting cannot start at {@code start}; nothing is changed. */
    public static void requireBookable(MeetingType type, Instant start, Instant now, String field) {
        ProblemException refused = refusal(type, start, now, field);
        if (refused != null) {
            throw refused;
        }
    }

    /** Why a meeting cannot start at {@code start} (400 naming {@code field}), or null when it can. */
    public static ProblemException refusal(MeetingType type, Instant start, Instant now, String field) {
        if (start.getNano() != 0 || start.getEpochSecond() % 60 != 0) {
            return ProblemException.invalidField(field, "whole-minutes");
        }
        if (!start.isAfter(now)) {
            return ProblemException.invalidField(field, "in-the-past");
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
