package dev.kaigi.integration.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.query.NativeQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code notification_subscription} rows. The table's unique constraint is the rule that a user holds one
 * subscription per meeting type (or all) and channel: an insert that meets it inserts nothing.
 */
@ApplicationScoped
class NotificationSubscriptionRepository {

    private static final String COLUMNS = "id, user_id, meeting_type_id, channel, created_at";

    @Inject
    EntityManager em;

    List<NotificationSubscriptionView> of(UUID orgId, UUID userId) {
        return em.createNativeQuery("select " + COLUMNS + " from notification_subscription"
                        + " where org_id = :org and user_id = :user order by created_at, id")
                .setParameter("org", orgId).setParameter("user", userId)
                .getResultList().stream().map(NotificationSubscriptionRepository::view).toList();
    }

    long count(UUID orgId, UUID userId) {
        return ((Number) em.createNativeQuery(
                        "select count(*) from notification_subscription where org_id = :org and user_id = :user")
                .setParameter("org", orgId).setParameter("user", userId).getSingleResult()).longValue();
    }

    /** The new subscription, or empty when the user holds one for this meeting type and channel already. */
    Optional<NotificationSubscriptionView> insert(UUID orgId, UUID userId, UUID meetingTypeId, Channel channel) {
        List<?> rows = em.createNativeQuery("""
                        insert into notification_subscription (id, org_id, user_id, meeting_type_id, channel, created_at)
                        values (:id, :org, :user, :type, :channel, :now)
                        on conflict do nothing
                        returning id, user_id, meeting_type_id, channel, created_at
                        """).unwrap(NativeQuery.class)
                .setParameter("type", meetingTypeId, UUID.class) // typed: null must bind as a uuid
                .setParameter("id", UUID.randomUUID()).setParameter("org", orgId).setParameter("user", userId)
                .setParameter("channel", channel.name()).setParameter("now", Instant.now())
                .getResultList();
        return rows.stream().findFirst().map(NotificationSubscriptionRepository::view);
    }

    Optional<NotificationSubscriptionView> delete(UUID orgId, UUID userId, UUID subscriptionId) {
        List<?> rows = em.createNativeQuery("delete from notification_subscription"
                        + " where id = :id and org_id = :org and user_id = :user returning " + COLUMNS)
                .setParameter("id", subscriptionId).setParameter("org", orgId).setParameter("user", userId)
                .getResultList();
        return rows.stream().findFirst().map(NotificationSubscriptionRepository::view);
    }

    /** The users to tell of a booking of {@code meetingTypeId}: subscribed to it or to all, one row per user and channel. */
    List<Subscriber> subscribersOf(UUID orgId, UUID meetingTypeId) {
        return em.createNativeQuery("""
                        select distinct user_id, channel from notification_subscription
                        where org_id = :org and (meeting_type_id is null or meeting_type_id = :type)
                        order by user_id, channel
                        """).unwrap(NativeQuery.class)
                .setParameter("type", meetingTypeId, UUID.class)
                .setParameter("org", orgId)
                .getResultList().stream().map(row -> {
                    Object[] r = (Object[]) row;
                    return new Subscriber((UUID) r[0], Channel.valueOf((String) r[1]));
                }).toList();
    }

    /** The heir's subscriptions the deleted user's duplicate (same meeting type or all, same channel). */
    List<UUID> duplicatesOfHeirs(UUID orgId, UUID userId, UUID heir) {
        return em.createNativeQuery("""
                        select s.id from notification_subscription s
                        where s.org_id = :org and s.user_id = :user and exists (
                            select 1 from notification_subscription h
                            where h.user_id = :heir and h.meeting_type_id is not distinct from s.meeting_type_id
                              and h.channel = s.channel)
                        order by s.id
                        """)
                .setParameter("org", orgId).setParameter("user", userId).setParameter("heir", heir)
                .getResultList().stream().map(UUID.class::cast).toList();
    }

    /** Hands the user's subscriptions to the heir, but those the heir holds already, which are dropped; how many moved. */
    int moveTo(UUID orgId, UUID userId, UUID heir) {
        List<UUID> duplicates = duplicatesOfHeirs(orgId, userId, heir);
        if (!duplicates.isEmpty()) {
            em.createNativeQuery("delete from notification_subscription where id in (:ids)")
                    .setParameter("ids", duplicates).executeUpdate();
        }
        return em.createNativeQuery("update notification_subscription set user_id = :heir where org_id = :org and user_id = :user")
                .setParameter("heir", heir).setParameter("org", orgId).setParameter("user", userId).executeUpdate();
    }

    int deleteAll(UUID orgId, UUID userId) {
        return em.createNativeQuery("delete from notification_subscription where org_id = :org and user_id = :user")
                .setParameter("org", orgId).setParameter("user", userId).executeUpdate();
    }

    private static NotificationSubscriptionView view(Object row) {
        Object[] r = (Object[]) row;
        return new NotificationSubscriptionView((UUID) r[0], (UUID) r[1], (UUID) r[2], Channel.valueOf((String) r[3]),
                instant(r[4]));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
