package dev.kaigi.integration.zoom;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A user's linked Zoom account (INT-01) with its OAuth tokens, encrypted ({@link ZoomSecrets}). Never an API payload. */
@Entity
@Table(name = "zoom_connection")
public class ZoomConnection {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "org_id")
    public UUID orgId;

    /** Zoom's id of the user (from {@code GET /v2/users/me}): the account that can be linked only once. */
    @Column(name = "zoom_user_id")
    public String zoomUserId;

    @Column(name = "zoom_email")
    public String zoomEmail;

    @Column(name = "access_token_enc")
    public byte[] accessTokenEnc;

    @Column(name = "refresh_token_enc")
    public byte[] refreshTokenEnc;

    @Column(name = "access_expires_at")
    public Instant accessExpiresAt;

    public String scope;

    /** Zoom refused the refresh token (revoked at Zoom, app removed): the user must link again. */
    @Column(name = "relink_required")
    public boolean relinkRequired;

    @Column(name = "linked_at")
    public Instant linkedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
