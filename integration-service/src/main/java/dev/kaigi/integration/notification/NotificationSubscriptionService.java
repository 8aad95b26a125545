package dev.kaigi.integration.notification;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.internal.TransferPreview;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.integration.audit.AuditAction;
import dev.kaigi.integration.user.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Booking notification subscriptions (LIF-05): a user asks to be told of the organization's bookings, of one meeting
 * type or of all, by mail or in Slack; every change is audited. A deleted user's subscriptions go to their heir,
 * merged with the heir's own, or are dropped.
 */
@ApplicationScoped
public class NotificationSubscriptionService {

    /** What one user may hold: a subscription per meeting type and channel is plenty, and it keeps the list short. */
    static final int MAX_PER_USER = 100;
    static final String KIND = "notification-subscription";

    @Inject
    NotificationSubscriptionRepository subscriptions;
    @Inject
    AuditTrail audit;
    @Inject
    UserDirectory users;

    @Transactional
    public List<NotificationSubscriptionView> of(UUID orgId, UUID userId) {
        return subscriptions.of(orgId, userId);
    }

    /** 409 {@code notification-subscription-exists} for a second one of the same meeting type (or all) and channel. */
    @Transactional
    public NotificationSubscriptionView add(UUID orgId, UUID userId, UUID meetingTypeId, Channel channel) {
        if (subscriptions.count(orgId, userId) >= MAX_PER_USER) {
            throw ProblemException.conflict("notification-subscriptions-limit", MAX_PER_USER);
        }
        NotificationSubscriptionView added = subscriptions.insert(orgId, userId, meetingTypeId, channel)
                .orElseThrow(() -> ProblemException.conflict("notification-subscription-exists"));
        audit.record(AuditChange.of(orgId, AuditAction.NOTIFICATION_SUBSCRIPTION_ADDED).targetUser(userId)
                .target(added.id()).after(fields(added)));
        return added;
    }

    @Transactional
    public void remove(UUID orgId, UUID userId, UUID subscriptionId) {
        NotificationSubscriptionView removed = subscriptions.delete(orgId, userId, subscriptionId)
                .orElseThrow(() -> ProblemException.notFound("notification-subscription"));
        audit.record(AuditChange.of(orgId, AuditAction.NOTIFICATION_SUBSCRIPTION_REMOVED).targetUser(userId)
                .target(removed.id()).before(fields(removed)));
    }

    /** Who is told of a booking of {@code meetingTypeId}, by which channel; the caller leaves out whoever is told anyway. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Subscriber> subscribersOf(UUID orgId, UUID meetingTypeId) {
        return subscriptions.subscribersOf(orgId, meetingTypeId);
    }

    /**
     * A deleted or removed user's subscriptions: to {@code heir}, but those the heir holds already, or dropped when
     * there is no heir. Run again, it finds nothing left and records nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void handOver(UUID orgId, UUID userId, UUID chosen) {
        // user-service chose the heir among the organization's users; one known here in another organization is not one
        boolean foreign = chosen != null && users.find(chosen).filter(u -> !u.orgId.equals(orgId)).isPresent();
        UUID heir = chosen == null || chosen.equals(userId) || foreign ? null : chosen;
        int held = (int) subscriptions.count(orgId, userId);
        if (held == 0) {
            return;
        }
        int moved = heir == null ? 0 : subscriptions.moveTo(orgId, userId, heir);
        if (heir == null) {
            subscriptions.deleteAll(orgId, userId);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("heirUserId", heir);
        after.put("moved", moved);
        after.put("dropped", held - moved);
        audit.record(AuditChange.of(orgId, AuditAction.NOTIFICATION_SUBSCRIPTIONS_TRANSFERRED).targetUser(userId)
                .after(after));
    }

    /**
     * What a deletion would do with the user's subscriptions (LIF-05), changing nothing.
     *
     * @param heirActive whether the heir is an active user of the organization as this service knows them
     */
    @Transactional
    public TransferPreview.CategoryPreview preview(UUID orgId, UUID userId, UUID heir, boolean heirActive) {
        List<TransferPreview.TransferItem> moving = new ArrayList<>();
        List<TransferPreview.TransferItem> notMoving = new ArrayList<>();
        Set<UUID> duplicates = heir == null ? Set.of() : new HashSet<>(subscriptions.duplicatesOfHeirs(orgId, userId, heir));
        for (NotificationSubscriptionView s : subscriptions.of(orgId, userId)) {
            String reason = heir == null ? "no-heir" : !heirActive ? "heir-not-active"
                    : duplicates.contains(s.id()) ? "heir-already-subscribed" : null;
            TransferPreview.TransferItem item = new TransferPreview.TransferItem(KIND, s.id().toString(), label(s), reason);
            (reason == null ? moving : notMoving).add(item);
        }
        return new TransferPreview.CategoryPreview(TransferCategory.NOTIFICATION_SUBSCRIPTIONS, heir, moving, notMoving);
    }

    /** This service knows meeting types by id only: e.g. {@code MAIL, every meeting type}. */
    private static String label(NotificationSubscriptionView s) {
        return s.channel() + ", " + (s.meetingTypeId() == null ? "every meeting type" : "meeting type " + s.meetingTypeId());
    }

    private static Map<String, Object> fields(NotificationSubscriptionView s) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("meetingTypeId", s.meetingTypeId());
        fields.put("channel", s.channel());
        return fields;
    }
}
