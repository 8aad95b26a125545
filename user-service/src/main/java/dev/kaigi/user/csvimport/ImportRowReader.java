package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.problem.ConstraintReasons;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.account.ProfileRequests.AddUser;
import dev.kaigi.user.account.ProfileRequests.UpdateProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static dev.kaigi.user.csvimport.ImportColumn.*;

/**
 * Checks one row on its own, before any database work, with exactly the rules of the REST API
 * (USR-01): the same Bean Validation constraints, so a value the profile form refuses is refused
 * by import too, under the same reason code.
 */
@ApplicationScoped
public class ImportRowReader {

    /** A row that passed the checks, with its values parsed. Null means the cell was empty. */
    public record ImportedUser(ImportFile.Row source, String email, UUID userId, Role role, UserType userType) {

        public int row() {
            return source.row();
        }

        public String cell(ImportColumn column) {
            return source.get(column);
        }
    }

    @Inject
    Validator validator;

    /** The row parsed, or why it fails. */
    public Result read(ImportFile.Row row) {
        String email = row.get(EMAIL);
        if (email == null) {
            return Result.failed(RowOutcome.failed(row.row(), "required", EMAIL.header(), null));
        }
        Optional<RowOutcome> emailProblem = violation(row, validator.validateValue(AddUser.class, "email", email), email);
        if (emailProblem.isPresent()) {
            return Result.failed(emailProblem.get());
        }
        Optional<RowOutcome> profileProblem = violation(row, validator.validate(profileOf(row)), email);
        if (profileProblem.isPresent()) {
            return Result.failed(profileProblem.get());
        }
        try {
            UUID userId = row.get(USER_ID) == null ? null : parseUuid(row, USER_ID);
            Role role = parseEnum(row, ROLE, Role.class);
            UserType type = parseEnum(row, USER_TYPE, UserType.class);
            return new Result(new ImportedUser(row, email, userId, role, type), null);
        } catch (BadCell bad) {
            return Result.failed(RowOutcome.failed(row.row(), "invalid-value", bad.column.header(), email));
        }
    }

    /** Either a user to import or the row's failure. */
    public record Result(ImportedUser user, RowOutcome failure) {

        static Result failed(RowOutcome failure) {
            return new Result(null, failure);
        }
    }

    /**
     * The row's profile cells as the REST API's update request. A missing last name is left to
     * the importer (required to add a user, optional to update one), so a placeholder stands in.
     */
    private static UpdateProfile profileOf(ImportFile.Row row) {
        String lastName = row.get(LAST_NAME) == null ? "-" : row.get(LAST_NAME);
        return new UpdateProfile(lastName, row.get(FIRST_NAME), null, null, row.get(CONTACT), row.get(SLACK_MEMBER_ID),
                row.get(EMAIL_SIGNATURE), row.get(ZOOM_PERSONAL_MEETING_URL), row.get(PHONE), row.get(MOBILE),
                row.get(FAX), row.get(WEBSITE), row.get(ADDRESS), row.get(OTHER_INFO), null);
    }

    /** The first violation by column name, so the same row always reports the same reason. */
    private static <T> Optional<RowOutcome> violation(ImportFile.Row row, Set<ConstraintViolation<T>> violations, String email) {
        return violations.stream()
                .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> RowOutcome.failed(row.row(), ConstraintReasons.reasonOf(v), v.getPropertyPath().toString(), email));
    }

    private static UUID parseUuid(ImportFile.Row row, ImportColumn column) {
        try {
            return UUID.fromString(row.get(column));
        } catch (IllegalArgumentException e) {
            throw new BadCell(column);
        }
    }

    private static <E extends Enum<E>> E parseEnum(ImportFile.Row row, ImportColumn column, Class<E> type) {
        String value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadCell(column);
        }
    }

    private static final class BadCell extends RuntimeException {
        private final ImportColumn column;

        BadCell(ImportColumn column) {
            super(null, null, false, false);
            this.column = column;
        }
    }
}
