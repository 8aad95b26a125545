package dev.kaigi.user.directory;

import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.events.user.UserType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A named set of permissions from the fixed catalogue a user is given; each is for regular or for team users
 * (INV-05, LIF-04, USR-07). The permissions narrow what the user's role allows, in every service.
 */
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

    /** Catalogue entries, stored in catalogue order; a team user's profile holds none (USR-07). */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "permissions", columnDefinition = "text[]")
    public String[] permissions = new String[0];

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;

    public Set<ProfilePermission> granted() {
        Set<ProfilePermission> granted = EnumSet.noneOf(ProfilePermission.class);
        for (String p : permissions) {
            granted.add(ProfilePermission.valueOf(p));
        }
        return granted;
    }

    public void grant(Collection<ProfilePermission> granted) {
        Set<ProfilePermission> inCatalogueOrder = EnumSet.noneOf(ProfilePermission.class);
        inCatalogueOrder.addAll(granted);
        permissions = inCatalogueOrder.stream().map(Enum::name).toArray(String[]::new);
    }
}
