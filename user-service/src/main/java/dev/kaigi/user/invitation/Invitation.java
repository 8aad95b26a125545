package dev.kaigi.user.invitation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A one-time invitation link (INV-01…03); only the token's hash is kept. */
@Entity
@Table(name = "invitation")
public class Invitation {

    /** PENDING until accepted, declined, or voided by a resend. Expiry is a time, not a status. */
    public enum Status { PENDING, ACCEPTED, DECLINED, VOIDED }

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "token_hash")
    public String tokenHash;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
