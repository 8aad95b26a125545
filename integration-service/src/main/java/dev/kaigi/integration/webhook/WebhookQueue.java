package dev.kaigi.integration.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.tx.AfterCommit;
import dev.kaigi.integration.crypto.SecretCipher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The deliveries waiting to be sent, in the database so none is lost to a restart (HOOK-03). An event becomes one
 * delivery per matching subscription, once ({@code webhook_delivery_once}) however often it is read. An instance
 * leases what is due: at most {@link WebhookConfig#inFlightPerSubscription()} of a subscription at once, and of
 * one subject only the oldest still pending (HOOK-04), so a later step never overtakes an earlier one that is being
 * retried. A lease that runs out (a crashed instance) makes the delivery due again, under the same webhook-id.
 */
@ApplicationScoped
public class WebhookQueue {

    private static final Object WAKE_KEY = new Object();

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;
    @Inject
    SecretCipher cipher;
    @Inject
    WebhookConfig config;
    @Inject
    WebhookDispatcher dispatcher;
    @Inject
    AfterCommit afterCommit;
    @Inject
    WebhookMetrics metrics;

    /** A leased delivery with what sending it needs. */
    record Leased(UUID id, UUID subscriptionId, UUID orgId, int attempt, String payload, boolean byHand, String url,
                  List<String> secrets) {

        /** The {@code webhook-id}: the same on every attempt. */
        String messageId() {
            return WebhookQueue.messageId(id);
        }
    }

    /** One attempt's outcome; {@code statusCode} null when no answer came (refused address, timeout, reset). */
    record Outcome(Instant startedAt, long latencyMillis, Integer statusCode, String error, String responseExcerpt) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }

        boolean gone() {
            return statusCode != null && statusCode == 410;
        }
    }

    /**
     * Adds the event's deliveries in the caller's transaction (the webhook consumer's, which also claims the event in
     * its inbox). Wakes the dispatcher once that commits, when there is something to send: woken before, it would
     * find nothing and sleep until its next poll.
     */
    void enqueue(UUID orgId, UUID eventId, WebhookEventType type, UUID subjectId, long subjectOrder, WebhookMessage message) {
        String payload;
        try {
            payload = json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook message is plain data", e);
        }
        int added = em.createNativeQuery("""
                        insert into webhook_delivery (id, subscription_id, org_id, event_id, event_type, subject_id,
                                                      subject_order, payload, status)
                        select gen_random_uuid(), s.id, s.org_id, :event, :type, :subject, :order, :payload, 'PENDING'
                        from webhook_subscription s
                        where s.org_id = :org and s.enabled and :type = any (s.event_types)
                        on conflict (subscription_id, event_id) do nothing
                        """)
                .setParameter("event", eventId).setParameter("type", type.wireName()).setParameter("subject", subjectId)
                .setParameter("order", subjectOrder).setParameter("payload", payload).setParameter("org", orgId)
                .executeUpdate();
        if (added > 0) {
            afterCommit.once(WAKE_KEY, dispatcher::wake);
        }
    }

    /** Leases up to {@code max} due deliveries for {@code lease}, counting the attempt. */
    List<Leased> lease(int max, Duration lease) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        with busy as (
                            select subscription_id, count(*) as n from webhook_delivery
                            where status = 'PENDING' and leased_until > now()
                            group by subscription_id
                        ), due as (
                            select d.id, d.subscription_id,
                                   row_number() over (partition by d.subscription_id order by d.next_attempt_at, d.serial) as rank
                            from webhook_delivery d
                            join webhook_subscription s on s.id = d.subscription_id and s.enabled
                            where d.status = 'PENDING' and d.next_attempt_at <= now()
                              and (d.leased_until is null or d.leased_until <= now())
                              and not exists (
                                  select 1 from webhook_delivery e
                                  where e.subscription_id = d.subscription_id and e.subject_id = d.subject_id
                                    and e.status = 'PENDING' and (e.subject_order, e.serial) < (d.subject_order, d.serial))
                        ), chosen as (
                            select due.id from due left join busy using (subscription_id)
                            where due.rank <= :window - coalesce(busy.n, 0)
                            limit :max
                        ), locked as (
                            select d.id from webhook_delivery d
                            where d.id in (select id from chosen) and d.status = 'PENDING'
                              and (d.leased_until is null or d.leased_until <= now())
                            for update skip locked
                        )
                        update webhook_delivery d
                        set leased_until = now() + cast(:lease as interval), attempts = d.attempts + 1, last_attempt_at = now()
                        from locked l, webhook_subscription s
                        where d.id = l.id and s.id = d.subscription_id
                        returning d.id, d.subscription_id, d.org_id, d.attempts, d.payload, d.by_hand, s.url, s.secret,
                                  case when s.previous_secret_expires_at > now() then s.previous_secret end
                        """)
                .setParameter("window", config.inFlightPerSubscription()).setParameter("max", max)
                .setParameter("lease", lease.toMillis() + " milliseconds").getResultList());
        List<Leased> leased = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            UUID subscriptionId = (UUID) r[1];
            List<String> secrets = new ArrayList<>(2);
            secrets.add(cipher.decrypt((byte[]) r[7], WebhookSubscriptionService.secretContext(subscriptionId)));
            if (r[8] != null) {
                secrets.add(cipher.decrypt((byte[]) r[8], WebhookSubscriptionService.secretContext(subscriptionId)));
            }
            leased.add(new Leased((UUID) r[0], subscriptionId, (UUID) r[2], ((Number) r[3]).intValue(), (String) r[4],
                    (Boolean) r[5], (String) r[6], List.copyOf(secrets)));
        }
        return leased;
    }

    /**
     * Records an attempt and what follows from it: delivered; a retry after the next wait (with jitter), or given up
     * after the last; an answer of 410, or failures for {@link WebhookConfig#disableAfter()}, disable the subscription.
     * An attempt of a delivery deleted meanwhile, with its subscription, leaves no trace.
     *
     * @return the reason the subscription was disabled by this outcome, or null
     */
    WebhookDisabling.Reason record(Leased d, Outcome o) {
        WebhookMetrics.Result[] result = {WebhookMetrics.Result.FAILED};
        WebhookDisabling.Reason disable = QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("""
                            insert into webhook_attempt (delivery_id, attempt, started_at, latency_ms, status_code, error,
                                                         response_excerpt, by_hand)
                            select :d, :a, :at, :ms, cast(:code as int), cast(:error as text), cast(:excerpt as text), :hand
                            where exists (select 1 from webhook_delivery where id = :d) -- gone with its subscription
                            on conflict do nothing
                            """)
                    .setParameter("d", d.id()).setParameter("a", d.attempt()).setParameter("at", o.startedAt())
                    .setParameter("ms", (int) Math.min(Integer.MAX_VALUE, o.latencyMillis()))
                    .setParameter("code", o.statusCode()).setParameter("error", o.error())
                    .setParameter("excerpt", o.responseExcerpt()).setParameter("hand", d.byHand()).executeUpdate();
            if (o.delivered()) {
                result[0] = WebhookMetrics.Result.DELIVERED;
                finish(d, "DELIVERED", o.statusCode());
                em.createNativeQuery("update webhook_subscription set failing_since = null where id = :s and failing_since is not null")
                        .setParameter("s", d.subscriptionId()).executeUpdate();
                return null;
            }
            if (o.gone()) {
                finish(d, "FAILED", o.statusCode());
                return WebhookDisabling.Reason.GONE;
            }
            List<Duration> delays = config.retryDelays();
            if (d.byHand() || d.attempt() > delays.size()) {
                finish(d, "FAILED", o.statusCode());
            } else {
                result[0] = WebhookMetrics.Result.RETRIED;
                Duration wait = delays.get(d.attempt() - 1);
                long jittered = wait.toMillis() + (long) (wait.toMillis() * ThreadLocalRandom.current().nextDouble(0.25));
                em.createNativeQuery("""
                                update webhook_delivery
                                set next_attempt_at = now() + cast(:wait as interval), leased_until = null, last_status = cast(:code as int)
                                where id = :d
                                """)
                        .setParameter("wait", jittered + " milliseconds").setParameter("code", o.statusCode())
                        .setParameter("d", d.id()).executeUpdate();
            }
            List<?> failingSince = em.createNativeQuery("""
                            update webhook_subscription set failing_since = coalesce(failing_since, now())
                            where id = :s returning failing_since <= now() - cast(:after as interval)
                            """)
                    .setParameter("s", d.subscriptionId()).setParameter("after", config.disableAfter().toMillis() + " milliseconds")
                    .getResultList();
            return !failingSince.isEmpty() && Boolean.TRUE.equals(failingSince.get(0)) ? WebhookDisabling.Reason.FAILING : null;
        });
        metrics.attempted(result[0], o.latencyMillis());
        return disable;
    }

    private void finish(Leased d, String status, Integer code) {
        em.createNativeQuery("""
                        update webhook_delivery
                        set status = :status, leased_until = null, by_hand = false, last_status = cast(:code as int),
                            delivered_at = case when cast(:status as text) = 'DELIVERED' then now() end
                        where id = :d
                        """)
                .setParameter("status", status).setParameter("code", code).setParameter("d", d.id()).executeUpdate();
    }

    /** A delivery's {@code webhook-id}. */
    static String messageId(UUID deliveryId) {
        return "msg_" + deliveryId.toString().replace("-", "");
    }

    static Instant instant(Object value) {
        return value == null ? null : value instanceof OffsetDateTime odt ? odt.toInstant()
                : value instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) value;
    }
}
