package dev.kaigi.integration.slack;

import dev.kaigi.integration.provider.ProviderRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Posting into an organization's own workspace with its own bot token (INT-02, INT-10). Slack has no way to tell
 * us the app was uninstalled that reaches this service, so a post refused for the token ({@code token_revoked},
 * {@code invalid_auth}, {@code account_inactive}, ...) marks the installation REVOKED, in a transaction of its own:
 * later mentions are skipped until an OWNER installs again, and the OWNER sees why.
 */
@ApplicationScoped
public class SlackWorkspaces {

    private static final Logger LOG = Logger.getLogger(SlackWorkspaces.class);

    @Inject
    EntityManager em;
    @Inject
    SlackClient slack;
    @Inject
    SlackBotTokens tokens;

    /**
     * The organization's bot, or why there is none to post with.
     *
     * @param unavailable null when the bot can post; else {@code slack-not-installed} or {@code slack-installation-revoked}
     */
    public record Bot(UUID installationId, String token, String unavailable) {

        public boolean ready() {
            return unavailable == null;
        }

        @Override
        public String toString() {
            return "Bot[" + installationId + ", redacted, " + unavailable + "]";
        }
    }

    public Bot of(UUID orgId) {
        return QuarkusTransaction.requiringNew().call(() -> SlackInstallation.of(em, orgId)
                .map(i -> i.status == SlackInstallation.Status.ACTIVE ? new Bot(i.id, tokens.read(i), null)
                        : new Bot(i.id, null, "slack-installation-revoked"))
                .orElse(new Bot(null, null, "slack-not-installed")));
    }

    /** Posts {@code text} to {@code channel} with the bot's token; returns the message's ts. */
    public String post(Bot bot, String channel, String text) {
        if (!bot.ready()) {
            throw new IllegalStateException("no bot to post with: " + bot.unavailable());
        }
        try {
            return slack.postMessage(bot.token(), channel, text);
        } catch (ProviderRejectedException e) {
            if (SlackClient.tokenGone(e)) {
                revoked(bot.installationId(), e.reason());
            }
            throw e;
        }
    }

    private void revoked(UUID installationId, String reason) {
        int marked = QuarkusTransaction.requiringNew().call(() -> em.createQuery("""
                        update SlackInstallation set status = :revoked, revokedReason = :reason, revokedAt = :now,
                            updatedAt = :now
                        where id = :id and status = :active
                        """)
                .setParameter("revoked", SlackInstallation.Status.REVOKED).setParameter("reason", reason)
                .setParameter("now", Instant.now()).setParameter("id", installationId)
                .setParameter("active", SlackInstallation.Status.ACTIVE).executeUpdate());
        if (marked == 1) {
            LOG.warnf("Slack refused the bot token of installation %s (%s): marked REVOKED, mentions stop until an"
                    + " OWNER installs again", installationId, reason);
        }
    }
}
