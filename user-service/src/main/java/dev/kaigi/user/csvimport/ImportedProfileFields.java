package dev.kaigi.user.csvimport;

import dev.kaigi.user.csvimport.ImportRowReader.ImportedUser;
import dev.kaigi.user.directory.UserAccount;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The profile columns of a row written onto a user. On update, an empty cell keeps the stored
 * value: a sheet with a column left blank must not wipe everyone's signature.
 */
final class ImportedProfileFields {

    /** The fields a row changed, with their values before and after (for the event and the audit log). */
    record Changes(List<String> fields, Map<String, Object> before, Map<String, Object> after) {
    }

    private record Field(ImportColumn column, Function<UserAccount, String> get, BiConsumer<UserAccount, String> set) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field(ImportColumn.LAST_NAME, u -> u.lastName, (u, v) -> u.lastName = v),
            new Field(ImportColumn.FIRST_NAME, u -> u.firstName, (u, v) -> u.firstName = v),
            new Field(ImportColumn.CONTACT, u -> u.contact, (u, v) -> u.contact = v),
            new Field(ImportColumn.SLACK_MEMBER_ID, u -> u.slackMemberId, (u, v) -> u.slackMemberId = v),
            new Field(ImportColumn.ZOOM_PERSONAL_MEETING_URL, u -> u.zoomPersonalMeetingUrl, (u, v) -> u.zoomPersonalMeetingUrl = v),
            new Field(ImportColumn.EMAIL_SIGNATURE, u -> u.emailSignature, (u, v) -> u.emailSignature = v),
            new Field(ImportColumn.PHONE, u -> u.phone, (u, v) -> u.phone = v),
            new Field(ImportColumn.MOBILE, u -> u.mobile, (u, v) -> u.mobile = v),
            new Field(ImportColumn.FAX, u -> u.fax, (u, v) -> u.fax = v),
            new Field(ImportColumn.WEBSITE, u -> u.website, (u, v) -> u.website = v),
            new Field(ImportColumn.ADDRESS, u -> u.address, (u, v) -> u.address = v),
            new Field(ImportColumn.OTHER_INFO, u -> u.otherInfo, (u, v) -> u.otherInfo = v));

    private ImportedProfileFields() {
    }

    /** Fills a new user's profile from the row. */
    static void apply(ImportedUser row, UserAccount user) {
        for (Field f : FIELDS) {
            String value = row.cell(f.column());
            if (value != null) {
                f.set().accept(user, value);
            }
        }
    }

    /** Writes the row's non-empty cells, role and permission profile onto an existing user. */
    static Changes update(ImportedUser row, UserAccount user, UUID permissionProfileId, java.util.Set<UUID> teamIds) {
        Changes changes = new Changes(new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        for (Field f : FIELDS) {
            String value = row.cell(f.column());
            if (value != null && !value.equals(f.get().apply(user))) {
                record(changes, f.column().header(), f.get().apply(user), value);
                f.set().accept(user, value);
            }
        }
        if (row.role() != null && row.role() != user.role) {
            record(changes, "role", user.role, row.role());
            user.role = row.role();
        }
        if (!Objects.equals(permissionProfileId, user.permissionProfileId)) {
            record(changes, "permissionProfileId", user.permissionProfileId, permissionProfileId);
            user.permissionProfileId = permissionProfileId;
        }
        if (teamIds != null && !teamIds.equals(user.teamIds)) {
            record(changes, "teamIds", java.util.Set.copyOf(user.teamIds), teamIds);
            user.teamIds.clear();
            user.teamIds.addAll(teamIds);
        }
        return changes;
    }

    private static void record(Changes changes, String field, Object before, Object after) {
        changes.fields().add(field);
        changes.before().put(field, before);
        changes.after().put(field, after);
    }
}
