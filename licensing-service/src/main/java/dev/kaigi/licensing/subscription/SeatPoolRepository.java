package dev.kaigi.licensing.subscription;

import dev.kaigi.events.licensing.SeatPool;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/**
 * Seat counters. Every change is one guarded UPDATE: the row lock serializes concurrent requests
 * and the WHERE clause is re-checked on the latest row, so {@code assigned <= purchased} holds
 * under any concurrency and across service instances (LIC-03).
 */
@ApplicationScoped
public class SeatPoolRepository implements PanacheRepositoryBase<SeatPoolCounter, SeatPoolCounter.Key> {

    public List<SeatPoolCounter> ofOrganization(UUID orgId) {
        return list("orgId = ?1 order by pool", orgId);
    }

    /** The purchased count of {@code pool}, read without loading the counter (the guarded updates below bypass it). */
    public int purchased(UUID orgId, SeatPool pool) {
        return getEntityManager().createQuery("select purchased from SeatPoolCounter where orgId = ?1 and pool = ?2", Integer.class)
                .setParameter(1, orgId).setParameter(2, pool).getSingleResult();
    }

    /** Takes one seat; false when none is free. */
    public boolean takeSeat(UUID orgId, SeatPool pool) {
        return update("assigned = assigned + 1 where orgId = ?1 and pool = ?2 and assigned < purchased", orgId, pool) == 1;
    }

    public void releaseSeat(UUID orgId, SeatPool pool) {
        update("assigned = assigned - 1 where orgId = ?1 and pool = ?2 and assigned > 0", orgId, pool);
    }

    public void addPurchased(UUID orgId, SeatPool pool, int quantity) {
        update("purchased = purchased + ?3 where orgId = ?1 and pool = ?2", orgId, pool, quantity);
    }

    /** Sets the purchased count; false when more seats than that are assigned (reductions stop at the assigned count). */
    public boolean setPurchased(UUID orgId, SeatPool pool, int purchased) {
        return update("purchased = ?3 where orgId = ?1 and pool = ?2 and assigned <= ?3", orgId, pool, purchased) == 1;
    }
}
