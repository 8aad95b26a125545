package dev.kaigi.licensing.subscription;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    /**
     * The subscription, locked against plan and licence changes until the transaction ends, so a
     * team seat is never given while team licences are being switched off (LIC-02, LIC-05).
     */
    public Optional<Subscription> findForShare(UUID orgId) {
        return findByIdOptional(orgId, LockModeType.PESSIMISTIC_READ);
    }

    public Optional<Subscription> findForUpdate(UUID orgId) {
        return findByIdOptional(orgId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Creates the subscription of a new organization with its seat pools, unless it exists: a FREE
     * plan with {@code regularSeats} regular seats and no team seats. Safe to race.
     */
    public void createIfAbsent(UUID orgId, int regularSeats) {
        // Check first with a plain read: an "insert ... on conflict do nothing" on seat_pool would
        // wait for the row lock every concurrent seat take holds on that same counter row.
        if (count("orgId", orgId) > 0) {
            return;
        }
        getEntityManager().createNativeQuery("""
                        insert into subscription (org_id, plan) values (?1, 'FREE') on conflict (org_id) do nothing
                        """).setParameter(1, orgId).executeUpdate();
        getEntityManager().createNativeQuery("""
                        insert into seat_pool (org_id, pool, purchased) values (?1, 'REGULAR', ?2), (?1, 'TEAM', 0)
                        on conflict (org_id, pool) do nothing
                        """).setParameter(1, orgId).setParameter(2, regularSeats).executeUpdate();
    }
}
