package dev.kaigi.chassis.rest;

import dev.kaigi.chassis.problem.ProblemException;

/**
 * Optimistic concurrency for single resources: the ETag is the row's version, and a write that
 * sends {@code If-Match} applies only to that version (412 otherwise).
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version {@code ifMatch} names, for writes that need it: 428 when it is missing, 412 when unreadable. */
    public static long requiredVersion(String ifMatch) {
        Long expected = expectedVersion(ifMatch);
        if (expected == null) {
            throw new ProblemException(428, "precondition-required");
        }
        return expected;
    }

    /** The version an {@code If-Match} header asks for; null when absent or {@code *}. 412 when unreadable. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new ProblemException(412, "precondition-failed");
        }
    }
}
