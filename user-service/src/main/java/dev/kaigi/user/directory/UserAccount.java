package dev.kaigi.user.directory;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A user of an organization with their profile (USR-01) and status (USR-05). */
@Entity
@Table(name = "app_user")
public class UserAccount {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    public String email;

    /** The address as compared: lower case (ORG-05 uniqueness is on this). */
    @Column(name = "email_key")
    public String emailKey;

    @Column(name = "last_name")
    public String lastName;

    @Column(name = "first_name")
    public String firstName;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_type")
    public UserType userType;

    @Enumerated(EnumType.STRING)
    public UserStatus status;

    @Column(name = "permission_profile_id")
    public UUID permissionProfileId;

    public String contact;

    @Column(name = "slack_member_id")
    public String slackMemberId;

    @Column(name = "email_signature")
    public String emailSignature;

    @Column(name = "zoom_personal_meeting_url")
    public String zoomPersonalMeetingUrl;

    public String phone;
    public String mobile;
    public String fax;
    public String website;
    public String address;

    @Column(name = "other_info")
    public String otherInfo;

    /** SCIM provisioning attributes (RFC 7643): the identity provider's id for the user, and what it keeps on them. */
    @Column(name = "external_id")
    public String externalId;
    public String title;
    public String department;
    @Column(name = "employee_number")
    public String employeeNumber;
    /** The enterprise extension's manager: another user of the organization, as the identity provider names them. */
    @Column(name = "manager_id")
    public UUID managerId;

    /**
     * USR-01 "teams": the organization's teams this user belongs to. Loaded with the user (views
     * are built after the transaction), in batches of 200 users for lists.
     */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "team_member", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "team_id")
    @BatchSize(size = 200)
    public Set<UUID> teamIds = new HashSet<>();
    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    @Version
    public long version;

    public void setEmail(String address) {
        this.email = address.trim();
        this.emailKey = emailKey(address);
    }

    public static String emailKey(String address) {
        return address.trim().toLowerCase(Locale.ROOT);
    }

    /** The part after {@code @}, lower case (INV-04 compares domains). */
    public String emailDomain() {
        return emailKey.substring(emailKey.lastIndexOf('@') + 1);
    }
}
