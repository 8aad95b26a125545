package dev.kaigi.user.directory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A customer company: the tenant every record belongs to (ORG-01), with its one super admin (ORG-02). */
@Entity
@Table(name = "organization")
public class Organization {

    @Id
    public UUID id;

    public String name;

    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "super_admin_user_id")
    public UUID superAdminUserId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Whether the organization's SCIM client may make users OWNERs or change an OWNER's role; an OWNER decides. */
    @Column(name = "scim_owner_role_grantable")
    public boolean scimOwnerRoleGrantable;

    @Version
    public long version;
}
