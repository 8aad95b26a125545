package dev.kaigi.user.account;

import dev.kaigi.events.user.Role;

import java.util.EnumSet;
import java.util.Set;

/**
 * USR-02, who may change which profile fields. An OWNER may edit every user's profile; MANAGER,
 * MEMBER and RESTRICTED only their own; anyone may always edit their own names and "other info".
 * Role and permission profile are administration: OWNERs only. Status, user type, email and
 * organization are never profile fields (they change through lifecycle operations), so no body
 * can carry them.
 */
public final class ProfileEditPolicy {

    /** The profile's fields, grouped by who may change them. */
    public enum FieldGroup {
        /** last name, first name, other info */
        NAMES_AND_OTHER_INFO,
        /** contact, Slack member ID, signature, Zoom URL, phone, mobile, fax, website, address */
        PROFILE,
        /** role, permission profile */
        ADMINISTRATION
    }

    private ProfileEditPolicy() {
    }

    public static Set<FieldGroup> editable(Role editorRole, boolean editingSelf) {
        if (editorRole == Role.OWNER) {
            return EnumSet.allOf(FieldGroup.class);
        }
        if (editingSelf) {
            return EnumSet.of(FieldGroup.NAMES_AND_OTHER_INFO, FieldGroup.PROFILE);
        }
        return EnumSet.noneOf(FieldGroup.class);
    }
}
