package dev.kaigi.scheduling.config;

import dev.kaigi.chassis.idempotency.IdempotentCreation;
import dev.kaigi.chassis.problem.ProblemException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Query parameters and headers read by hand, so a bad value is a 400 naming it rather than a 404 or 500. */
public final class Params {

    private Params() {
    }

    public static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(name, "required");
        }
        return value;
    }

    /** An ISO-8601 date-time with offset ({@code 2026-12-07T10:00:00+09:00} or {@code ...Z}); null stays null. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(name, "date-time");
        }
    }

    /** An ISO date ({@code 2026-12-07}). */
    public static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(required(name, value).trim());
        } catch (DateTimeException e) {
            throw ProblemException.invalidField(name, "date");
        }
    }

    /** An IANA zone id; offsets such as {@code +09:00} are not zones. */
    public static ZoneId zone(String name, String value) {
        if (!isZone(required(name, value))) {
            throw ProblemException.invalidField(name, "time-zone");
        }
        return ZoneId.of(value);
    }

    /** A valid IANA zone id such as {@code Asia/Tokyo}; offsets like {@code +09:00} are not zones. */
    public static boolean isZone(String id) {
        return id != null && ZoneId.getAvailableZoneIds().contains(id);
    }

    /**
     * The optional {@code If-Match} header: the booking's sequence as its ETag gives it ({@code "3"});
     * null when absent.
     */
    public static Integer ifMatch(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() < 3 || v.length() > 12 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            throw ProblemException.invalidField("If-Match", "etag");
        }
        try {
            int sequence = Integer.parseInt(v.substring(1, v.length() - 1));
            if (sequence < 0) {
                throw ProblemException.invalidField("If-Match", "etag");
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("If-Match", "etag");
        }
    }

    /** The optional {@code Idempotency-Key} header: 1–100 characters of letters, digits and {@code _.:-}. */
    public static String idempotencyKey(String value) {
        return IdempotentCreation.checkedKey(value);
    }
}
