package dev.kaigi.integration.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A linked provider account with its OAuth tokens, encrypted ({@link ConnectionSecrets}): an organization's
 * Salesforce (INT-03, {@code userId} null) or a user's calendar (INT-04). Never an API payload.
 */
@Entity
@Table(name = "oauth_connection")
public class OAuthConnection {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    /** The user a calendar belongs to; null for the organization's Salesforce. */
    @Column(name = "user_id")
    public UUID userId;

    @Enumerated(EnumType.STRING)
    public Provider provider;

    /** The provider's id of the account (Salesforce user id, Google {@code sub}, Microsoft object id). */
    @Column(name = "account_id")
    public String accountId;

    @Column(name = "account_email")
    public String accountEmail;

    @Column(name = "instance_url")
    public String instanceUrl;

    @Column(name = "access_token_enc")
    public byte[] accessTokenEnc;

    @Column(name = "refresh_token_enc")
    public byte[] refreshTokenEnc;

    @Column(name = "access_expires_at")
    public Instant accessExpiresAt;

    public String scope;

    /** The provider refused the refresh token (revoked there, app removed): link again. */
    @Column(name = "relink_required")
    public boolean relinkRequired;

    @Column(name = "linked_by")
    public UUID linkedBy;

    @Column(name = "linked_at")
    public Instant linkedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "last_synced_at")
    public Instant lastSyncedAt;

    @Column(name = "last_sync_outcome")
    public String lastSyncOutcome;
}
