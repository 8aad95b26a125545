package dev.kaigi.user.directory;

import dev.kaigi.events.user.UserType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A named set of permissions a user is given; each is for regular or for team users (INV-05, LIF-04). */
@Entity
@Table(name = "permission_profile")
public class PermissionProfile {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    public String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_type")
    public UserType userType;

    /** Created with the organization; cannot be deleted. */
    public boolean system;

    @Column(name = "created_at")
    public Instant createdAt;
}
