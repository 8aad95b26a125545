package dev.kaigi.integration.slack;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Kaigi's Slack app installed into an organization's workspace (INT-10), with the bot token, encrypted
 * ({@link SlackBotTokens}). A new install is a new row id, so a revocation seen with an older token never marks
 * the newer install. Never an API payload.
 */
@Entity
@Table(name = "slack_installation")
public class SlackInstallation {

    public enum Status {
        ACTIVE,
        /** Slack no longer accepts the bot token (uninstalled or revoked in the workspace): install again. */
        REVOKED
    }

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "team_name")
    public String teamName;

    @Column(name = "enterprise_id")
    public String enterpriseId;

    @Column(name = "app_id")
    public String appId;

    @Column(name = "bot_user_id")
    public String botUserId;

    /** The bot scopes granted, comma-separated as Slack gives them. */
    public String scope;

    @Column(name = "bot_token_enc")
    public byte[] botTokenEnc;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** Slack's error code that showed the token gone ({@code token_revoked}, {@code account_inactive}, ...). */
    @Column(name = "revoked_reason")
    public String revokedReason;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "installed_by")
    public UUID installedBy;

    @Column(name = "installed_at")
    public Instant installedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The organization's installation, active or revoked; an organization has one at most. */
    static Optional<SlackInstallation> of(EntityManager em, UUID orgId) {
        return em.createQuery("from SlackInstallation where orgId = :org", SlackInstallation.class)
                .setParameter("org", orgId).getResultStream().findFirst();
    }
}
