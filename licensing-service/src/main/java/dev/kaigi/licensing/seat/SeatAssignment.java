package dev.kaigi.licensing.seat;

import dev.kaigi.events.licensing.SeatPool;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A seat of a licence type held by one user (at most one per user, enforced by the database). */
@Entity
@Table(name = "seat_assignment")
public class SeatAssignment {

    @Id
    public UUID id;

    @Column(name = "org_id")
    public UUID orgId;

    @Column(name = "user_id")
    public UUID userId;

    @Enumerated(EnumType.STRING)
    public SeatPool pool;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    /** When user-service last asked for this seat; release events older than this are stale. */
    @Column(name = "confirmed_at", insertable = false)
    public Instant confirmedAt;

    /** The owner who assigned it; empty when user-service took it for an add, activation or conversion. */
    @Column(name = "assigned_by")
    public UUID assignedBy;
}
