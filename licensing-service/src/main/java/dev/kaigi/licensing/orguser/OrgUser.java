package dev.kaigi.licensing.orguser;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user of an organization as user-service announced them: the local view seat rules need. */
@Entity
@Table(name = "org_user")
public class OrgUser {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "org_id")
    public UUID orgId;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_type")
    public UserType userType;

    @Enumerated(EnumType.STRING)
    public UserStatus status;

    @Column(name = "updated_at")
    public Instant updatedAt;
    /** As user-service last announced it; null until an event carrying it was read. */
    @Enumerated(EnumType.STRING)
    public Role role;
}
