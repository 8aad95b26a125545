package dev.kaigi.user.team;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A team of an organization (USR-01 "teams"); users belong to any number of teams. */
@Entity
@Table(name = "team")
public class Team {

    @Id
    public UUID id;
    @Column(name = "org_id")
    public UUID orgId;
    public String name;
    /** The identity provider's id for the team when it was provisioned through SCIM (a group). */
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "created_at")
    public Instant createdAt;
    @Version
    public long version;
}
