package dev.kaigi.integration.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.integration.audit.AuditAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A subscription's delivery log (HOOK-03): each event's delivery, newest first, with its attempts (status,
 * latency, the answer's first kilobyte), and sending one again by hand under the same webhook-id.
 */
@ApplicationScoped
public class WebhookDeliveryLog {

    private static final String COLUMNS = """
            d.id, d.event_type, d.subject_id, d.status, d.attempts, d.created_at, d.last_attempt_at,
            case when d.status = 'PENDING' then greatest(d.next_attempt_at, coalesce(d.leased_until, d.next_attempt_at)) end,
            d.last_status, d.delivered_at
            """;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    WebhookSubscriptionService subscriptions;
    @Inject
    AuditTrail audit;

    public Page<WebhookDeliveryView> page(UUID orgId, UUID subscriptionId, PageRequest page) {
        subscriptions.get(orgId, subscriptionId);
        long total = ((Number) em.createNativeQuery("select count(*) from webhook_delivery where subscription_id = :s")
                .setParameter("s", subscriptionId).getSingleResult()).longValue();
        List<?> rows = em.createNativeQuery("select " + COLUMNS + """
                         from webhook_delivery d where d.subscription_id = :s
                        order by d.serial desc limit :size offset :offset
                        """)
                .setParameter("s", subscriptionId).setParameter("size", page.size()).setParameter("offset", page.offset())
                .getResultList();
        return Page.of(rows.stream().map(r -> view((Object[]) r)).toList(), page, total);
    }

    public WebhookDeliveryDetail detail(UUID orgId, UUID subscriptionId, UUID deliveryId) {
        List<?> rows = em.createNativeQuery("select " + COLUMNS + ", d.payload from webhook_delivery d "
                        + "where d.id = :d and d.subscription_id = :s and d.org_id = :o")
                .setParameter("d", deliveryId).setParameter("s", subscriptionId).setParameter("o", orgId).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("webhook-delivery");
        }
        Object[] r = (Object[]) rows.get(0);
        List<?> attemptRows = em.createNativeQuery("""
                        select attempt, started_at, latency_ms, status_code, error, response_excerpt, by_hand
                        from webhook_attempt where delivery_id = :d order by attempt
                        """)
                .setParameter("d", deliveryId).getResultList();
        List<WebhookDeliveryDetail.Attempt> attempts = attemptRows.stream().map(a -> {
                    Object[] x = (Object[]) a;
                    return new WebhookDeliveryDetail.Attempt(((Number) x[0]).intValue(), WebhookQueue.instant(x[1]),
                            ((Number) x[2]).longValue(), x[3] == null ? null : ((Number) x[3]).intValue(), (String) x[4],
                            (String) x[5], (Boolean) x[6]);
                }).toList();
        try {
            return new WebhookDeliveryDetail(view(r), json.readTree((String) r[10]), attempts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored webhook payload is the JSON this service wrote", e);
        }
    }

    /**
     * Sends a delivery again now. A pending one is only brought forward; a delivered or given-up one gets one more
     * attempt, without retries after it. A disabled subscription sends nothing: switch it on first (409). The caller
     * wakes the dispatcher once this has committed.
     */
    @Transactional
    public WebhookDeliveryView redeliver(UUID orgId, UUID subscriptionId, UUID deliveryId) {
        if (!subscriptions.lockedGet(orgId, subscriptionId).enabled()) {
            throw ProblemException.conflict("webhook-subscription-disabled");
        }
        int updated = em.createNativeQuery("""
                        update webhook_delivery
                        set by_hand = status <> 'PENDING', status = 'PENDING', next_attempt_at = now()
                        where id = :d and subscription_id = :s
                        """)
                .setParameter("d", deliveryId).setParameter("s", subscriptionId).executeUpdate();
        if (updated == 0) {
            throw ProblemException.notFound("webhook-delivery");
        }
        audit.record(AuditChange.of(orgId, AuditAction.WEBHOOK_DELIVERY_RESENT).target(subscriptionId)
                .after(Map.of("deliveryId", deliveryId.toString())));
        return one(deliveryId);
    }

    private WebhookDeliveryView one(UUID deliveryId) {
        return view((Object[]) em.createNativeQuery("select " + COLUMNS + " from webhook_delivery d where d.id = :d")
                .setParameter("d", deliveryId).getSingleResult());
    }

    private static WebhookDeliveryView view(Object[] r) {
        UUID id = (UUID) r[0];
        return new WebhookDeliveryView(id, WebhookQueue.messageId(id), (String) r[1], (UUID) r[2],
                (String) r[3], ((Number) r[4]).intValue(), WebhookQueue.instant(r[5]), WebhookQueue.instant(r[6]),
                WebhookQueue.instant(r[7]), r[8] == null ? null : ((Number) r[8]).intValue(), WebhookQueue.instant(r[9]));
    }
}
