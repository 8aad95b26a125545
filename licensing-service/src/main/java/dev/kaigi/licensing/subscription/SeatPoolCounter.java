package dev.kaigi.licensing.subscription;

import dev.kaigi.events.licensing.SeatPool;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/**
 * Purchased and assigned seats of one licence type. Changed only through the guarded updates of
 * {@code SeatPoolRepository}, never by setting fields, so concurrent requests cannot over-assign.
 */
@Entity
@Table(name = "seat_pool")
@IdClass(SeatPoolCounter.Key.class)
public class SeatPoolCounter {

    @Id
    @Column(name = "org_id")
    public UUID orgId;

    @Id
    @Enumerated(EnumType.STRING)
    public SeatPool pool;

    public int purchased;

    public int assigned;

    public int available() {
        return purchased - assigned;
    }

    /** Composite key (org, pool). */
    public static class Key implements Serializable {
        public UUID orgId;
        public SeatPool pool;

        public Key() {
        }

        public Key(UUID orgId, SeatPool pool) {
            this.orgId = orgId;
            this.pool = pool;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.orgId.equals(orgId) && k.pool == pool;
        }

        @Override
        public int hashCode() {
            return orgId.hashCode() * 31 + pool.hashCode();
        }
    }
}
