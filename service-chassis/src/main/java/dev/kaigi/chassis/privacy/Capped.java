package dev.kaigi.chassis.privacy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * One list of a personal-data export (SEC-04): the newest {@code limit} items at most, and whether there were more,
 * so a user-service gathering the document says so instead of passing a silently shortened list on.
 *
 * @param items the items, newest first
 * @param limit the most items a section answers
 * @param truncated whether older items were left out
 */
public record Capped<T>(List<T> items, int limit, @Schema(description = "Whether older items were left out") boolean truncated) {

    /** The first {@code limit} of {@code fetched}, which was read with {@code limit + 1} rows to tell whether there were more. */
    public static <T> Capped<T> of(List<T> fetched, int limit) {
        return new Capped<>(List.copyOf(fetched.subList(0, Math.min(limit, fetched.size()))), limit, fetched.size() > limit);
    }

    /** An empty section. */
    public static <T> Capped<T> none(int limit) {
        return new Capped<>(List.of(), limit, false);
    }
}
