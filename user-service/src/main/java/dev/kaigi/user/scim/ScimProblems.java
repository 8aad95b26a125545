package dev.kaigi.user.scim;

import dev.kaigi.chassis.problem.ProblemException;

/**
 * The SCIM errors (RFC 7644 §3.12) this service raises itself, as problems whose code names the
 * {@code scimType}; {@link ScimErrorFilter} turns every problem under {@code /scim/v2} into the
 * SCIM error schema.
 */
final class ScimProblems {

    private ScimProblems() {
    }

    static ProblemException invalidFilter(String detail) {
        return new ProblemException(400, "scim-invalid-filter", detail);
    }

    static ProblemException invalidValue(String detail) {
        return new ProblemException(400, "scim-invalid-value", detail);
    }

    static ProblemException invalidSyntax(String detail) {
        return new ProblemException(400, "scim-invalid-syntax", detail);
    }

    static ProblemException invalidPath(String detail) {
        return new ProblemException(400, "scim-invalid-path", detail);
    }

    static ProblemException noTarget(String detail) {
        return new ProblemException(400, "scim-no-target", detail);
    }

    static ProblemException mutability(String detail) {
        return new ProblemException(400, "scim-mutability", detail);
    }

    static ProblemException tooMany(String detail) {
        return new ProblemException(400, "scim-too-many", detail);
    }

    static ProblemException versionMismatch() {
        return new ProblemException(412, "precondition-failed");
    }
}
