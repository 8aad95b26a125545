package dev.kaigi.user.directory;

import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;

import java.util.List;

/**
 * USR-06: a team user has no administrative rights. Its role is MEMBER or RESTRICTED, whichever way it is set: the
 * REST API, apply-to-others, CSV import and SCIM (which adds and updates through the REST API's services).
 */
public final class TeamUserRoles {

    /** The code of the refusal, also a CSV row's failure. */
    public static final String CODE = "team-user-admin";

    private TeamUserRoles() {
    }

    public static boolean allows(UserType type, Role role) {
        return type != UserType.TEAM || role == null || role == Role.MEMBER || role == Role.RESTRICTED;
    }

    /** 400 naming {@code field} when a user of {@code type} may not have {@code role}. */
    public static void require(UserType type, Role role, String field) {
        if (!allows(type, role)) {
            throw new ProblemException(400, "validation-failed", List.of(new FieldViolation(field, CODE, null)));
        }
    }
}
