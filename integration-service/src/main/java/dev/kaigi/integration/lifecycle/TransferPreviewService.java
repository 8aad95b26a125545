package dev.kaigi.integration.lifecycle;

import dev.kaigi.events.internal.TransferPreview;
import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.integration.notification.NotificationSubscriptionService;
import dev.kaigi.integration.salesforce.SalesforceOwnershipTransfers;
import dev.kaigi.integration.user.UserDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * LIF-05: what a deletion with these heirs would move in the categories integration-service keeps, in the order of
 * {@link TransferCategory}: the Salesforce opportunities (read live) and the notification subscriptions. Changes
 * nothing. user-service validates the heirs; an heir this service does not know as an active user of the organization
 * is answered all the same, each item saying {@code heir-not-active}.
 */
@ApplicationScoped
public class TransferPreviewService {

    @Inject
    SalesforceOwnershipTransfers salesforce;
    @Inject
    NotificationSubscriptionService subscriptions;
    @Inject
    UserDirectory users;

    public TransferPreview preview(UUID orgId, UUID userId, DeletionTransfers heirs) {
        UUID salesforceHeir = heirs.heirOf(TransferCategory.SALESFORCE_RECORDS);
        UUID subscriptionsHeir = heirs.heirOf(TransferCategory.NOTIFICATION_SUBSCRIPTIONS);
        return new TransferPreview(List.of(
                salesforce.preview(orgId, userId, salesforceHeir, active(orgId, userId, salesforceHeir)),
                subscriptions.preview(orgId, userId, subscriptionsHeir, active(orgId, userId, subscriptionsHeir))));
    }

    private boolean active(UUID orgId, UUID userId, UUID heir) {
        return heir != null && !heir.equals(userId) && QuarkusTransaction.requiringNew().call(() ->
                users.inOrganization(orgId, heir).filter(u -> "ACTIVE".equals(u.status)).isPresent());
    }
}
