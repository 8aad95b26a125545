package dev.kaigi.user.account;

import dev.kaigi.chassis.text.SingleLine;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** Request bodies of {@code /api/v1/users} (USR-01 field rules). */
public final class ProfileRequests {

    /** Slack member IDs are U or W followed by upper-case letters and digits. */
    static final String SLACK_ID = "^[UW][A-Z0-9]{2,20}$";
    /** Zoom personal meeting links: https on zoom.us / zoom.com or one of their subdomains. */
    static final String ZOOM_URL = "^https://([A-Za-z0-9-]+\\.)*zoom\\.(us|com)(/[^\\s]*)?$";
    static final String PHONE = "^[0-9+()\\-. ]{0,30}$";
    static final String WEB_URL = "^https?://[^\\s]+$";

    private ProfileRequests() {
    }

    /** INV-05: last name, email, role and permission profile are required when adding a user. */
    @Schema(name = "AddUserRequest")
    public record AddUser(
            @NotBlank @Email @Size(max = 254) @Schema(example = "hana.sato@acme.example") String email,
            @NotBlank @SingleLine @Size(max = 100) @Schema(example = "Sato") String lastName,
            @SingleLine @Size(max = 100) @Schema(example = "Hana") String firstName,
            @NotNull @Schema(example = "MEMBER") Role role,
            @Schema(description = "REGULAR unless given", example = "REGULAR") UserType userType,
            @NotNull UUID permissionProfileId,
            @Schema(description = "Language of the invitation mail", example = "ja") @Pattern(regexp = "^(ja|en)$") String locale) {
    }

    /**
     * The editable profile, sent whole (PUT). Role and permission profile may be left out to keep
     * them; every other field left out is cleared.
     */
    @Schema(name = "UpdateProfileRequest")
    public record UpdateProfile(
            @NotBlank @SingleLine @Size(max = 100) String lastName,
            @SingleLine @Size(max = 100) String firstName,
            Role role,
            UUID permissionProfileId,
            @Size(max = 500) @Schema(description = "Contact for customers (問合せ先)") String contact,
            @Pattern(regexp = SLACK_ID) @Schema(example = "U024BE7LH") String slackMemberId,
            @Size(max = 4000) @Schema(description = "Multi-line email signature") String emailSignature,
            @Size(max = 2000) @Pattern(regexp = ZOOM_URL) @Schema(example = "https://us05web.zoom.us/j/1234567890") String zoomPersonalMeetingUrl,
            @Pattern(regexp = PHONE) String phone,
            @Pattern(regexp = PHONE) String mobile,
            @Pattern(regexp = PHONE) String fax,
            @Size(max = 2000) @Pattern(regexp = WEB_URL) String website,
            @Size(max = 500) String address,
            @Size(max = 4000) String otherInfo,
            @Size(max = 50) @Schema(description = "The teams (USR-01); left out keeps them. OWNERs only.") java.util.Set<@NotNull UUID> teamIds) {
    }
}
