package dev.kaigi.integration.meeting;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The order of a booking's events. Events are keyed by host (EVT-03), so a reassignment's events can arrive before
 * the old host's earlier ones, from another partition: the event's SEQUENCE orders them. The highest sequence
 * applied is kept per booking, in the event's own transaction (with its inbox row), so an event rolled back for a
 * retry has claimed nothing; its row lock holds back a concurrent event of the same booking until it commits.
 * The row also keeps the booking's host and lead as of that event: a lead's mail in a mailbox backup is their
 * meetings' hosts' to read (INT-11).
 */
@ApplicationScoped
public class BookingSequences {

    @Inject
    EntityManager em;

    /**
     * Claims the change's sequence; empty when the booking is already past it (a stale or repeated event).
     * A change without a sequence (an older producer's) comes after whatever was applied. The first change of a
     * booking keeps when it was {@code written}: an erasure read again leaves a booking made after it alone (SEC-04).
     */
    Optional<Integer> claim(MeetingChange change, Instant written) {
        Query claim = em.createNativeQuery(change.sequence() != null ? """
                        insert into booking_sequence (booking_id, org_id, host_user_id, sequence, lead_email, booked_at)
                        values (:b, :o, :h, :s, lower(cast(:lead as text)), cast(:at as timestamptz))
                        on conflict (booking_id) do update
                        set sequence = excluded.sequence, host_user_id = excluded.host_user_id,
                            lead_email = excluded.lead_email, applied_at = now()
                        where booking_sequence.sequence < excluded.sequence
                        returning sequence
                        """ : """
                        insert into booking_sequence (booking_id, org_id, host_user_id, sequence, lead_email, booked_at)
                        values (:b, :o, :h, 1, lower(cast(:lead as text)), cast(:at as timestamptz))
                        on conflict (booking_id) do update
                        set sequence = booking_sequence.sequence + 1, host_user_id = excluded.host_user_id,
                            lead_email = excluded.lead_email, applied_at = now()
                        returning sequence
                        """)
                .setParameter("b", change.bookingId()).setParameter("o", change.orgId()).setParameter("h", change.hostUserId())
                .setParameter("lead", change.leadEmail() == null || change.leadErased() ? null : change.leadEmail().trim())
                .setParameter("at", written == null ? Instant.now() : written);
        if (change.sequence() != null) {
            claim.setParameter("s", change.sequence());
        }
        List<?> applied = claim.getResultList();
        return applied.stream().findFirst().map(s -> ((Number) s).intValue());
    }

    /**
     * When this service first heard of the booking; empty for a booking it does not know yet. A booking known before
     * the time was kept counts as known since ever (it was made before any erasure).
     */
    Optional<Instant> bookedAt(UUID bookingId) {
        return em.createNativeQuery("select coalesce(booked_at, timestamptz 'epoch') from booking_sequence where booking_id = :b")
                .setParameter("b", bookingId).getResultList().stream().findFirst().map(BookingSequences::instant);
    }

    private static Instant instant(Object value) {
        return value instanceof java.time.OffsetDateTime odt ? odt.toInstant()
                : value instanceof java.sql.Timestamp ts ? ts.toInstant() : (Instant) value;
    }

    /** The host of a booking of {@code orgId} as of its latest applied event; empty for another organization's or an unknown one. */
    Optional<UUID> hostOf(UUID orgId, UUID bookingId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select host_user_id from booking_sequence where booking_id = :b and org_id = :o")
                .setParameter("b", bookingId).setParameter("o", orgId).getResultList().stream().findFirst()
                .map(UUID.class::cast));
    }
}
