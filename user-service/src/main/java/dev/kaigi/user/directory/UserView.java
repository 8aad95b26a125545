package dev.kaigi.user.directory;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A user as the API shows them. */
@Schema(name = "User")
public record UserView(UUID id, String email, String lastName, String firstName, Role role, UserType userType,
                       UserStatus status, boolean superAdmin, UUID permissionProfileId, String contact,
                       String slackMemberId, String emailSignature, String zoomPersonalMeetingUrl, String phone,
                       String mobile, String fax, String website, String address, String otherInfo,
                       @Schema(description = "Teams the user belongs to (USR-01)") java.util.Set<UUID> teamIds,
                       Instant createdAt, long version) {

    public static UserView of(UserAccount u, UUID superAdminId) {
        return new UserView(u.id, u.email, u.lastName, u.firstName, u.role, u.userType, u.status,
                u.id.equals(superAdminId), u.permissionProfileId, u.contact, u.slackMemberId, u.emailSignature,
                u.zoomPersonalMeetingUrl, u.phone, u.mobile, u.fax, u.website, u.address, u.otherInfo,
                java.util.Set.copyOf(u.teamIds), u.createdAt,
                u.version);
    }
}
