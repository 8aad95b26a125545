package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.integration.audit.AuditAction;
import dev.kaigi.integration.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An organization's webhook subscriptions (HOOK-01, HOOK-02): create with a new secret shown once, replace, delete,
 * rotate the secret with an overlap. Every change is audited with its before and after, never a secret.
 */
@ApplicationScoped
public class WebhookSubscriptionService {

    /** The most subscriptions an organization keeps: each event costs a delivery per subscription. */
    static final int MAX_PER_ORGANIZATION = 20;

    private static final String COLUMNS = """
            id, url, array_to_string(event_types, ','), description, enabled, disabled_reason, failing_since,
            case when previous_secret_expires_at > now() then previous_secret_expires_at end, created_at, updated_at
            """;

    @Inject
    EntityManager em;
    @Inject
    SecretCipher cipher;
    @Inject
    WebhookTargets targets;
    @Inject
    AuditTrail audit;
    @Inject
    WebhookConfig config;

    static String secretContext(UUID subscriptionId) {
        return "webhook-secret:" + subscriptionId;
    }

    public List<WebhookSubscriptionView> list(UUID orgId) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from webhook_subscription where org_id = :o order by created_at, id")
                .setParameter("o", orgId).getResultList();
        return rows.stream().map(r -> view((Object[]) r)).toList();
    }

    public WebhookSubscriptionView get(UUID orgId, UUID id) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + " from webhook_subscription where org_id = :o and id = :id")
                .setParameter("o", orgId).setParameter("id", id).getResultList();
        return rows.stream().map(r -> view((Object[]) r)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("webhook-subscription"));
    }

    @Transactional
    public WebhookSubscriptionCreated create(UUID orgId, WebhookSubscriptionRequest request) {
        String url = targets.check(request.url());
        List<String> types = eventTypes(request.eventTypes());
        // one at a time per organization, so two creations cannot both pass the limit
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('webhook_subscription'), hashtext(cast(:o as text)))")
                .setParameter("o", orgId).getSingleResult();
        long count = ((Number) em.createNativeQuery("select count(*) from webhook_subscription where org_id = :o")
                .setParameter("o", orgId).getSingleResult()).longValue();
        if (count >= MAX_PER_ORGANIZATION) {
            throw ProblemException.conflict("webhook-subscriptions-limit", MAX_PER_ORGANIZATION);
        }
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret();
        boolean enabled = request.enabled() == null || request.enabled();
        em.createNativeQuery("""
                        insert into webhook_subscription (id, org_id, url, event_types, description, enabled, secret)
                        values (:id, :o, :url, string_to_array(:types, ','), cast(:description as text), :enabled, :secret)
                        """)
                .setParameter("id", id).setParameter("o", orgId).setParameter("url", url)
                .setParameter("types", String.join(",", types)).setParameter("description", blankToNull(request.description()))
                .setParameter("enabled", enabled).setParameter("secret", cipher.encrypt(secret, secretContext(id)))
                .executeUpdate();
        WebhookSubscriptionView created = get(orgId, id);
        audit.record(AuditChange.of(orgId, AuditAction.WEBHOOK_SUBSCRIPTION_CREATED).target(id).after(auditValues(created)));
        return new WebhookSubscriptionCreated(id, created.url(), created.eventTypes(), created.description(),
                created.enabled(), created.createdAt(), secret);
    }

    /** Replaces what the owner sets; switching it on again clears why the service had switched it off. */
    @Transactional
    public WebhookSubscriptionView replace(UUID orgId, UUID id, WebhookSubscriptionRequest request) {
        WebhookSubscriptionView before = lockedGet(orgId, id);
        String url = targets.check(request.url());
        List<String> types = eventTypes(request.eventTypes());
        boolean enabled = request.enabled() == null || request.enabled();
        em.createNativeQuery("""
                        update webhook_subscription
                        set url = :url, event_types = string_to_array(:types, ','), description = cast(:description as text),
                            enabled = :enabled, updated_at = now(),
                            disabled_reason = case when :enabled then null else disabled_reason end,
                            failing_since = case when :enabled and not enabled then null else failing_since end
                        where id = :id
                        """)
                .setParameter("url", url).setParameter("types", String.join(",", types))
                .setParameter("description", blankToNull(request.description())).setParameter("enabled", enabled)
                .setParameter("id", id).executeUpdate();
        WebhookSubscriptionView after = get(orgId, id);
        audit.record(AuditChange.of(orgId, AuditAction.WEBHOOK_SUBSCRIPTION_UPDATED).target(id)
                .changedFields(auditValues(before), auditValues(after)));
        return after;
    }

    @Transactional
    public void delete(UUID orgId, UUID id) {
        WebhookSubscriptionView before = lockedGet(orgId, id);
        em.createNativeQuery("delete from webhook_subscription where id = :id").setParameter("id", id).executeUpdate();
        audit.record(AuditChange.of(orgId, AuditAction.WEBHOOK_SUBSCRIPTION_DELETED).target(id).before(auditValues(before)));
    }

    /** A new secret; the current one keeps signing beside it for {@code overlap} (HOOK-02). */
    @Transactional
    public WebhookSecretRotation rotate(UUID orgId, UUID id, Duration requestedOverlap) {
        lockedGet(orgId, id);
        Duration overlap = requestedOverlap == null ? config.defaultRotationOverlap() : requestedOverlap;
        String secret = WebhookSignature.newSecret();
        Instant previousExpires = Instant.now().plus(overlap);
        em.createNativeQuery("""
                        update webhook_subscription
                        set previous_secret = secret, previous_secret_expires_at = :until, secret = :secret, updated_at = now()
                        where id = :id
                        """)
                .setParameter("until", previousExpires).setParameter("secret", cipher.encrypt(secret, secretContext(id)))
                .setParameter("id", id).executeUpdate();
        audit.record(AuditChange.of(orgId, AuditAction.WEBHOOK_SECRET_ROTATED).target(id)
                .after(Map.of("previousSecretExpiresAt", previousExpires.toString())));
        return new WebhookSecretRotation(secret, overlap.isZero() ? null : previousExpires);
    }

    /** The subscription of {@code orgId}, locked for a change; 404 for another organization's. */
    WebhookSubscriptionView lockedGet(UUID orgId, UUID id) {
        List<?> found = em.createNativeQuery("select id from webhook_subscription where org_id = :o and id = :id for update")
                .setParameter("o", orgId).setParameter("id", id).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("webhook-subscription");
        }
        return get(orgId, id);
    }

    private static List<String> eventTypes(List<String> requested) {
        for (int i = 0; i < requested.size(); i++) {
            if (WebhookEventType.ofWireName(requested.get(i)).isEmpty()) {
                throw ProblemException.invalidField("eventTypes[" + i + "]", "webhook-event-type-unknown");
            }
        }
        return requested.stream().distinct().sorted().toList();
    }

    private static Map<String, Object> auditValues(WebhookSubscriptionView s) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", s.url());
        values.put("eventTypes", s.eventTypes());
        values.put("description", s.description());
        values.put("enabled", s.enabled());
        return values;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static WebhookSubscriptionView view(Object[] r) {
        String types = (String) r[2];
        return new WebhookSubscriptionView((UUID) r[0], (String) r[1],
                types == null || types.isEmpty() ? List.of() : Arrays.asList(types.split(",")), (String) r[3],
                (Boolean) r[4], (String) r[5], WebhookQueue.instant(r[6]), WebhookQueue.instant(r[7]),
                WebhookQueue.instant(r[8]), WebhookQueue.instant(r[9]));
    }
}
