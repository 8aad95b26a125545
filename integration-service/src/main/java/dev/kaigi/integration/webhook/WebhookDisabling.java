package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.integration.audit.AuditAction;
import dev.kaigi.integration.mail.MailSender;
import dev.kaigi.integration.mail.MailTemplates;
import dev.kaigi.integration.user.UserDirectory;
import dev.kaigi.integration.user.UserProfile;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * HOOK-03: a subscription whose endpoint answered 410 Gone, or whose deliveries have all failed for
 * {@link WebhookConfig#disableAfter()}, is switched off; what it still had to send is given up (its log keeps it,
 * to be sent again by hand) and the organization's OWNERs are mailed, each in their language, once: only the
 * instance whose update switched it off sends the mails.
 */
@ApplicationScoped
class WebhookDisabling {

    private static final Logger LOG = Logger.getLogger(WebhookDisabling.class);

    enum Reason { GONE, FAILING }

    @Inject
    EntityManager em;
    @Inject
    AuditTrail audit;
    @Inject
    UserDirectory users;
    @Inject
    MailTemplates templates;
    @Inject
    MailSender mail;

    private record Disabled(UUID orgId, String url, Instant failingSince, List<UserProfile> owners) {
    }

    void disable(UUID subscriptionId, Reason reason) {
        Disabled disabled = QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("""
                            update webhook_subscription
                            set enabled = false, disabled_reason = :reason, updated_at = now()
                            where id = :s and enabled
                            returning org_id, url, failing_since
                            """)
                    .setParameter("reason", reason.name()).setParameter("s", subscriptionId).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = (Object[]) rows.get(0);
            em.createNativeQuery("""
                            update webhook_delivery set status = 'FAILED', leased_until = null
                            where subscription_id = :s and status = 'PENDING'
                            """)
                    .setParameter("s", subscriptionId).executeUpdate();
            audit.record(AuditChange.of((UUID) r[0], AuditAction.WEBHOOK_SUBSCRIPTION_DISABLED).target(subscriptionId)
                    .before(Map.of("enabled", true)).after(Map.of("enabled", false, "disabledReason", reason.name())));
            return new Disabled((UUID) r[0], (String) r[1], WebhookQueue.instant(r[2]), users.owners((UUID) r[0]));
        });
        if (disabled != null) {
            tellOwners(subscriptionId, reason, disabled);
        }
    }

    private void tellOwners(UUID subscriptionId, Reason reason, Disabled disabled) {
        for (UserProfile owner : disabled.owners()) {
            Map<String, Object> data = new HashMap<>();
            data.put("adminName", owner.displayName());
            data.put("url", disabled.url());
            data.put("subscriptionId", subscriptionId);
            data.put("gone", reason == Reason.GONE);
            data.put("failingSince", disabled.failingSince() == null ? ""
                    : templates.date(owner.locale, disabled.failingSince(), "UTC"));
            try {
                mail.send(null, owner.email, null, templates.render("webhook-disabled", owner.locale, data), null);
            } catch (RuntimeException e) {
                LOG.warnf(e, "webhook subscription %s disabled (%s): the mail to OWNER %s could not be sent",
                        subscriptionId, reason, owner.userId);
            }
        }
    }
}
