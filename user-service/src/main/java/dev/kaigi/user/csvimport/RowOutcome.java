package dev.kaigi.user.csvimport;

/**
 * What happened to one row that was not imported (BLK-02): skipped on purpose (a duplicate the
 * caller asked to skip, no seat left, a team user that import may not update) or failed (the row
 * is wrong or conflicts with an existing user). {@code field} names the column when one is at fault.
 */
public record RowOutcome(int row, Kind kind, String reason, String field, String email) {

    public enum Kind { SKIPPED, FAILED }

    public static RowOutcome skipped(int row, String reason, String email) {
        return new RowOutcome(row, Kind.SKIPPED, reason, null, email);
    }

    public static RowOutcome failed(int row, String reason, String field, String email) {
        return new RowOutcome(row, Kind.FAILED, reason, field, email);
    }
}
