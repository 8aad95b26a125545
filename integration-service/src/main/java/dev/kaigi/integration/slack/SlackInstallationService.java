package dev.kaigi.integration.slack;

import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.integration.connection.ConnectionAudit;
import dev.kaigi.integration.connection.ConnectionAudit.Workspace;
import dev.kaigi.integration.connection.OAuthStates;
import dev.kaigi.integration.connection.Provider;
import dev.kaigi.integration.connection.UniqueViolations;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Installing Kaigi's Slack app into the organization's workspace (INT-10): start with a single-use state bound to
 * the OWNER, complete with the code Slack handed back ({@code oauth.v2.access}), show, uninstall. Slack is called
 * outside any transaction; the installation, the used state and the audit entry commit together or not at all.
 * A workspace serves one organization at a time. A bot token given up (uninstalled, replaced by another
 * workspace's) is revoked at Slack after the commit, on a best-effort basis.
 */
@ApplicationScoped
public class SlackInstallationService {

    private static final Logger LOG = Logger.getLogger(SlackInstallationService.class);
    private static final Set<Provider> SLACK = Set.of(Provider.SLACK);
    private static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    /** {@code oauth.v2.access} errors that mean the code or its redirect: the OWNER starts again. */
    private static final Set<String> CODE_REFUSED = Set.of("invalid_code", "code_already_used", "code_expired",
            "bad_redirect_uri", "oauth_authorization_url_mismatch", "invalid_grant_type");

    @Inject
    EntityManager em;
    @Inject
    SlackClient slack;
    @Inject
    SlackBotTokens tokens;
    @Inject
    OAuthStates states;
    @Inject
    AuditTrail audit;

    public record Authorization(String authorizeUrl, Instant expiresAt) {
    }

    public Authorization start(UUID orgId, UUID startedBy) {
        slack.requireConfigured();
        OAuthStates.Issued issued = states.issue(Provider.SLACK, orgId, startedBy, STATE_LIFETIME);
        return new Authorization(slack.authorizeUrl(issued.state()), issued.expiresAt());
    }

    /** Installs (or re-installs, replacing the organization's previous workspace) with the code Slack sent back. */
    public SlackInstallationView complete(UUID orgId, UUID by, String code, String state) {
        if (states.peek(state, SLACK, orgId, by).isEmpty()) {
            throw new ProblemException(400, "oauth-state-invalid");
        }
        SlackClient.Installed installed;
        try {
            installed = slack.exchangeCode(code);
        } catch (ProviderRejectedException e) {
            throw refused(e);
        } catch (RuntimeException e) {
            throw ProviderFailures.toProblem(e, Provider.SLACK.displayName());
        }
        Stored stored;
        try {
            stored = QuarkusTransaction.requiringNew().call(() -> install(orgId, by, state, installed));
        } catch (RuntimeException e) {
            if (UniqueViolations.is(e)) { // a concurrent install of this organization, or of the workspace elsewhere
                throw ProblemException.conflict("connection-changed-concurrently");
            }
            throw e;
        }
        if (stored.replacedToken() != null) {
            revokeQuietly(stored.replacedToken());
        }
        return stored.view();
    }

    /** The installation committed, and the bot token of another workspace's install it replaced, to revoke. */
    private record Stored(SlackInstallationView view, String replacedToken) {
        @Override
        public String toString() {
            return "Stored[" + view.workspaceId() + ", redacted]";
        }
    }

    private Stored install(UUID orgId, UUID by, String state, SlackClient.Installed installed) {
        if (!states.consume(state, orgId, by)) {
            throw new ProblemException(400, "oauth-state-invalid"); // a concurrent completion used it first
        }
        boolean elsewhere = !em.createQuery("""
                        select i.id from SlackInstallation i
                        where i.teamId = :team and i.status = :active and i.orgId <> :org
                        """, UUID.class)
                .setParameter("team", installed.teamId()).setParameter("active", SlackInstallation.Status.ACTIVE)
                .setParameter("org", orgId).getResultList().isEmpty();
        if (elsewhere) {
            throw ProblemException.conflict("slack-workspace-in-use", installed.teamName());
        }
        Optional<SlackInstallation> previous = SlackInstallation.of(em, orgId);
        Workspace was = previous.map(p -> new Workspace(p.teamId, p.teamName)).orElse(null);
        String replacedToken = null;
        if (previous.isPresent()) {
            SlackInstallation p = previous.get();
            if (p.status == SlackInstallation.Status.ACTIVE && !p.teamId.equals(installed.teamId())) {
                replacedToken = tokens.read(p); // the same workspace's install answers the same bot token
            }
            em.remove(p);
            em.flush(); // the organization's one row goes before its successor comes
        }
        SlackInstallation i = new SlackInstallation();
        i.id = UUID.randomUUID();
        i.orgId = orgId;
        i.teamId = installed.teamId();
        i.teamName = installed.teamName();
        i.enterpriseId = installed.enterpriseId();
        i.appId = installed.appId();
        i.botUserId = installed.botUserId();
        i.scope = installed.scope();
        i.status = SlackInstallation.Status.ACTIVE;
        i.installedBy = by;
        i.installedAt = Instant.now();
        i.updatedAt = i.installedAt;
        tokens.store(i, installed.botToken());
        em.persist(i);
        em.flush();
        audit.record(ConnectionAudit.linked(orgId, null, i.id, was, new Workspace(i.teamId, i.teamName)));
        return new Stored(SlackInstallationView.of(i), replacedToken);
    }

    /** 404 {@code slack-not-installed} when the organization has no installation. */
    public SlackInstallationView get(UUID orgId) {
        return SlackInstallation.of(em, orgId).map(SlackInstallationView::of)
                .orElseThrow(() -> new ProblemException(404, "slack-not-installed"));
    }

    /** Removes the installation and its token; an active bot token is revoked at Slack afterwards. */
    public void uninstall(UUID orgId) {
        String token = QuarkusTransaction.requiringNew().call(() -> SlackInstallation.of(em, orgId).map(i -> {
            String active = i.status == SlackInstallation.Status.ACTIVE ? tokens.read(i) : null;
            audit.record(ConnectionAudit.unlinked(orgId, null, i.id, new Workspace(i.teamId, i.teamName)));
            em.remove(i);
            return active;
        }).orElse(null));
        if (token != null) {
            revokeQuietly(token);
        }
    }

    private static ProblemException refused(ProviderRejectedException e) {
        if (e.reason() != null && CODE_REFUSED.contains(e.reason())) {
            return new ProblemException(400, "oauth-authorization-invalid", Provider.SLACK.displayName());
        }
        if ("enterprise_install".equals(e.reason())) {
            return new ProblemException(400, "slack-enterprise-install-not-supported");
        }
        if (e.reason() == null || e.reason().equals("unreadable-answer")) {
            return ProviderFailures.toProblem(e, Provider.SLACK.displayName());
        }
        // the app's registration: wrong client credentials, an app not distributed to other workspaces, ...
        return new ProblemException(502, "slack-install-refused", e.reason());
    }

    private void revokeQuietly(String botToken) {
        try {
            slack.revoke(botToken);
        } catch (RuntimeException e) {
            LOG.infof("could not revoke a Slack bot token (%s); remove the app in the workspace if it stays",
                    e.getClass().getSimpleName());
        }
    }
}
