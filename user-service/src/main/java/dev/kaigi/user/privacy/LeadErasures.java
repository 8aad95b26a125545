package dev.kaigi.user.privacy;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SEC-04: an OWNER erases a lead. user-service keeps nothing about leads itself, so an erasure is a
 * record (by the hash of the email), an audit entry and the {@code lead-erased} event, in one
 * transaction; scheduling-service and integration-service forget the person when they read it,
 * and keep forgetting when older events about the lead are read again.
 */
@ApplicationScoped
class LeadErasures {

    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;

    @Transactional
    LeadErasureView erase(Actor owner, String email) {
        UUID id = UUID.randomUUID();
        String hash = LeadErased.hashOf(email);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL keeps it
        em.createNativeQuery("insert into lead_erasure (id, org_id, lead_email_hash, erased_at, by_user_id) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, id).setParameter(2, owner.orgId()).setParameter(3, hash).setParameter(4, at)
                .setParameter(5, owner.userId()).executeUpdate();
        audit.record(owner.orgId(), owner.userId(), AuditLog.Action.LEAD_ERASED, null, null,
                Map.of("erasureId", id, "leadEmailHash", hash));
        outbox.publish(new LeadErased(owner.orgId(), id, hash, at, owner.userId()));
        return new LeadErasureView(id, hash, at, owner.userId());
    }

    @Transactional
    Page<LeadErasureView> list(UUID orgId, PageRequest page) {
        long total = ((Number) em.createNativeQuery("select count(*) from lead_erasure where org_id = ?1")
                .setParameter(1, orgId).getSingleResult()).longValue();
        @SuppressWarnings("unchecked") // a native query's rows are Object[]
        List<Object[]> rows = em.createNativeQuery("""
                        select id, lead_email_hash, erased_at, by_user_id from lead_erasure where org_id = ?1
                        order by erased_at desc, id limit ?2 offset ?3
                        """)
                .setParameter(1, orgId).setParameter(2, page.size()).setParameter(3, page.offset()).getResultList();
        return Page.of(rows.stream().map(r -> new LeadErasureView((UUID) r[0], (String) r[1], instant(r[2]), (UUID) r[3])).toList(),
                page, total);
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : (Instant) value;
    }
}
