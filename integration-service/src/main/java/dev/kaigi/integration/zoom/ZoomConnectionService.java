package dev.kaigi.integration.zoom;

import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.integration.ZoomLinked;
import dev.kaigi.events.integration.ZoomUnlinked;
import dev.kaigi.integration.connection.ConnectionAudit;
import dev.kaigi.integration.connection.ConnectionAudit.Account;
import dev.kaigi.integration.connection.OAuthStates;
import dev.kaigi.integration.connection.Provider;
import dev.kaigi.integration.connection.ProviderSetup;
import dev.kaigi.integration.connection.UniqueViolations;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Linking a user's Zoom account (INT-01): start an authorization with a single-use state bound to the user,
 * complete it with the code Zoom handed back, show, re-link, disconnect. Zoom is called outside any
 * transaction; the link, the used state and the zoom-linked event commit together or not at all. One Zoom
 * account is linked to at most one user: checked first, and enforced by the UNIQUE constraint for races.
 */
@ApplicationScoped
public class ZoomConnectionService {

    private static final Logger LOG = Logger.getLogger(ZoomConnectionService.class);
    private static final Set<Provider> ZOOM = Set.of(Provider.ZOOM);

    @Inject
    EntityManager em;
    @Inject
    ZoomClient zoom;
    @Inject
    ZoomSecrets secrets;
    @Inject
    ZoomConfig config;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    OAuthStates states;

    public record Authorization(String authorizeUrl, Instant expiresAt) {
    }

    /** A new authorization; the state is stored only as a hash, so the table alone cannot complete one. */
    public Authorization start(UUID orgId, UUID userId) {
        ProviderSetup.requireConfigured(Provider.ZOOM, config.clientId(), "KAIGI_ZOOM_CLIENT_ID");
        OAuthStates.Issued issued = states.issue(Provider.ZOOM, orgId, userId, config.stateLifetime());
        return new Authorization(zoom.authorizeUrl(issued.state()), issued.expiresAt());
    }

    /** Completes an authorization: exchanges the code, reads the Zoom user, links it (or re-links). */
    public ZoomConnectionView complete(UUID orgId, UUID userId, String code, String state) {
        if (states.peek(state, ZOOM, orgId, userId).isEmpty()) {
            throw new ProblemException(400, "zoom-state-invalid");
        }
        ZoomClient.Tokens tokens;
        ZoomClient.ZoomUser zoomUser;
        try {
            tokens = zoom.exchangeCode(code);
        } catch (ProviderRejectedException e) {
            if (e.status() == 400 || e.status() == 401) {
                throw new ProblemException(400, "zoom-authorization-invalid");
            }
            throw ProviderFailures.toProblem(e, "Zoom");
        } catch (RuntimeException e) {
            throw ProviderFailures.toProblem(e, "Zoom");
        }
        // On a failure below the new tokens are dropped, not revoked: Zoom has one grant per Zoom user and app,
        // so revoking could cut the link of the user who already holds this Zoom account.
        try {
            zoomUser = zoom.me(tokens.accessToken());
        } catch (RuntimeException e) {
            throw ProviderFailures.toProblem(e, "Zoom");
        }
        try {
            return QuarkusTransaction.requiringNew().call(() -> link(orgId, userId, state, tokens, zoomUser));
        } catch (RuntimeException e) {
            if (UniqueViolations.is(e)) {
                throw ProblemException.conflict("zoom-account-in-use");
            }
            throw e;
        }
    }

    private ZoomConnectionView link(UUID orgId, UUID userId, String state, ZoomClient.Tokens tokens,
                                    ZoomClient.ZoomUser zoomUser) {
        if (!states.consume(state, orgId, userId)) {
            throw new ProblemException(400, "zoom-state-invalid"); // a concurrent callback used it first
        }
        List<?> holders = em.createNativeQuery("select user_id from zoom_connection where zoom_user_id = :zoom")
                .setParameter("zoom", zoomUser.id()).getResultList();
        if (holders.stream().anyMatch(holder -> !userId.equals(holder))) {
            throw ProblemException.conflict("zoom-account-in-use");
        }
        ZoomConnection c = em.find(ZoomConnection.class, userId);
        boolean created = c == null;
        Account was = created ? null : new Account(Provider.ZOOM, c.zoomEmail);
        if (created) {
            c = new ZoomConnection();
            c.userId = userId;
            c.orgId = orgId;
        }
        c.zoomUserId = zoomUser.id();
        c.zoomEmail = zoomUser.email();
        c.linkedAt = Instant.now();
        c.relinkRequired = false;
        secrets.store(c, tokens);
        if (created) {
            em.persist(c);
        }
        em.flush(); // the UNIQUE constraint speaks now, inside this method's error handling
        audit.record(ConnectionAudit.linked(orgId, userId, null, was, new Account(Provider.ZOOM, zoomUser.email())));
        outbox.publish(new ZoomLinked(orgId, userId, zoomUser.id()));
        return ZoomConnectionView.of(c);
    }

    public Optional<ZoomConnectionView> find(UUID orgId, UUID userId) {
        return Optional.ofNullable(em.find(ZoomConnection.class, userId))
                .filter(c -> c.orgId.equals(orgId))
                .map(ZoomConnectionView::of);
    }

    /** Unlinks; true if there was a link. The token is revoked at Zoom afterwards, on a best-effort basis. */
    public boolean disconnect(UUID orgId, UUID userId) {
        Optional<String> token = QuarkusTransaction.requiringNew().call(() -> {
            ZoomConnection c = em.find(ZoomConnection.class, userId);
            if (c == null || !c.orgId.equals(orgId)) {
                return Optional.<String>empty();
            }
            String access = c.relinkRequired ? null : secrets.accessToken(c);
            audit.record(ConnectionAudit.unlinked(orgId, userId, null, new Account(Provider.ZOOM, c.zoomEmail)));
            em.remove(c);
            outbox.publish(new ZoomUnlinked(orgId, userId));
            return Optional.of(access == null ? "" : access);
        });
        token.filter(t -> !t.isEmpty()).ifPresent(this::revokeQuietly);
        return token.isPresent();
    }

    private void revokeQuietly(String accessToken) {
        try {
            zoom.revoke(accessToken);
        } catch (RuntimeException e) {
            LOG.infof("could not revoke a Zoom token (%s); it expires on its own", e.getClass().getSimpleName());
        }
    }

}
