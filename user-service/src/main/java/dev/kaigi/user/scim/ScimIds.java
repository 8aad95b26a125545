package dev.kaigi.user.scim;

import dev.kaigi.chassis.problem.ProblemException;

import java.util.UUID;

/** A resource id from a SCIM path: an id that is no id names nothing here (404), as another organization's does. */
final class ScimIds {

    private ScimIds() {
    }

    static UUID of(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(what);
        }
    }
}
