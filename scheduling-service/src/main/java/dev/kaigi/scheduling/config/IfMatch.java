package dev.kaigi.scheduling.config;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.rest.ETags;

/** Replacing a single resource needs the version the client read (ETag sent back as If-Match). */
public final class IfMatch {

    private IfMatch() {
    }

    /** The version {@code ifMatch} names; 428 when it is missing, 412 when unreadable. */
    public static long required(String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        if (expected == null) {
            throw new ProblemException(428, "precondition-required");
        }
        return expected;
    }
}
