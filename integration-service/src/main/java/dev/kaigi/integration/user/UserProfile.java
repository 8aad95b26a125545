package dev.kaigi.integration.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as this service knows them from user-service's events: what mails, Slack mentions and Zoom
 * meetings need. Written only by {@link UserDirectory}; fields are null until an event told them.
 */
@Entity
@Table(name = "user_profile")
public class UserProfile {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "org_id")
    public UUID orgId;

    public String email;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "first_name")
    public String firstName;

    /** OWNER, MANAGER, MEMBER or RESTRICTED, once a joined or updated event told it. */
    public String role;

    @Column(name = "user_type")
    public String userType;

    @Column(name = "slack_member_id")
    public String slackMemberId;

    @Column(name = "zoom_personal_meeting_url")
    public String zoomPersonalMeetingUrl;

    @Column(name = "email_signature")
    public String emailSignature;

    /** USR-08: what leads see as this user's customer-facing contact when the user hosts their meeting. */
    public String contact;

    /** INVITED, ACTIVE, DEACTIVATED, DELETED, REMOVED or DECLINED. */
    public String status;

    /** {@code ja} or {@code en} when an invitation told it; null otherwise. */
    public String locale;

    /** When a deactivated user was activated again, if ever (INT-09). */
    @Column(name = "reactivated_at")
    public Instant reactivatedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Family name first, as Japanese business mail writes it. */
    public String displayName() {
        String last = lastName == null ? "" : lastName;
        String first = firstName == null ? "" : firstName;
        return (last + " " + first).trim();
    }

    public boolean isGone() {
        return "DEACTIVATED".equals(status) || "DELETED".equals(status) || "REMOVED".equals(status)
                || "DECLINED".equals(status);
    }
}
