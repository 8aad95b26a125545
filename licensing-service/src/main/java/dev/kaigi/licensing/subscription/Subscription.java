package dev.kaigi.licensing.subscription;

import dev.kaigi.events.licensing.Plan;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** An organization's subscription: its plan and whether team-user licences are on (LIC-01, LIC-02). */
@Entity
@Table(name = "subscription")
public class Subscription {

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    @Enumerated(EnumType.STRING)
    public Plan plan;

    @Column(name = "team_licences_enabled")
    public boolean teamLicencesEnabled;

    /** Bumped on every change of plan, licences or purchased seats: the ETag of the subscription. */
    @Version
    public long version;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
