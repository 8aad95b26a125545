package dev.kaigi.user.directory;

import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserUpdated;

import java.util.List;

/** Event payloads made from a user, so every event carries the profile the same way. */
public final class UserEvents {

    private UserEvents() {
    }

    public static UserJoined joined(UserAccount u, JoinedVia via) {
        return new UserJoined(u.orgId, u.id, u.email, u.lastName, nonNull(u.firstName), u.role, u.userType, u.status, via,
                u.slackMemberId, u.zoomPersonalMeetingUrl, u.emailSignature, u.contact, u.permissionProfileId);
    }

    public static UserUpdated updated(UserAccount u, List<String> changedFields) {
        return new UserUpdated(u.orgId, u.id, u.email, u.lastName, nonNull(u.firstName), u.role, u.userType,
                u.slackMemberId, u.zoomPersonalMeetingUrl, u.emailSignature, changedFields, u.contact,
                u.permissionProfileId);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
