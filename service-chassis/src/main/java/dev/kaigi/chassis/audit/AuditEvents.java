package dev.kaigi.chassis.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.privacy.Capped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reads an organization's audit trail, newest first, one page at a time. */
@ApplicationScoped
public class AuditEvents {

    /** Optional filters; null matches everything. */
    public record Filter(UUID targetUserId, UUID targetId, String action) {
    }

    private static final String WHERE = """
             where org_id = :org
               and (cast(:targetUser as uuid) is null or target_user_id = :targetUser)
               and (cast(:target as uuid) is null or target_id = :target)
               and (cast(:action as text) is null or action = :action)
            """;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Transactional
    public Page<AuditEventView> page(UUID orgId, Filter filter, PageRequest page) {
        List<?> rows = bind(em.createNativeQuery("""
                select id, actor_user_id, actor_client_id, action, target_user_id, target_id,
                       cast(before as text), cast(after as text), occurred_at
                from audit_trail""" + WHERE + " order by occurred_at desc, seq desc limit :limit offset :offset"), orgId, filter)
                .setParameter("limit", page.size()).setParameter("offset", page.offset())
                .getResultList();
        long total = ((Number) bind(em.createNativeQuery("select count(*) from audit_trail" + WHERE), orgId, filter)
                .getSingleResult()).longValue();
        return Page.of(rows.stream().map(r -> view((Object[]) r)).toList(), page, total);
    }

    /**
     * The newest {@code limit} entries of {@code orgId} that name {@code userId} as the one who acted or the one acted
     * upon, for a personal-data export (SEC-04).
     */
    @Transactional
    public Capped<AuditEventView> aboutUser(UUID orgId, UUID userId, int limit) {
        List<?> rows = em.createNativeQuery("""
                        select id, actor_user_id, actor_client_id, action, target_user_id, target_id,
                               cast(before as text), cast(after as text), occurred_at
                        from audit_trail
                        where org_id = :org and (target_user_id = :user or actor_user_id = :user)
                        order by occurred_at desc, seq desc limit :limit""")
                .setParameter("org", orgId).setParameter("user", userId).setParameter("limit", limit + 1).getResultList();
        return Capped.of(rows.stream().map(r -> view((Object[]) r)).toList(), limit);
    }

    private static Query bind(Query query, UUID orgId, Filter filter) {
        return query.setParameter("org", orgId).setParameter("targetUser", filter.targetUserId())
                .setParameter("target", filter.targetId()).setParameter("action", filter.action());
    }

    private AuditEventView view(Object[] r) {
        return new AuditEventView((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (UUID) r[4], (UUID) r[5],
                read((String) r[6]), read((String) r[7]), instant(r[8]));
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant()
                : value instanceof Timestamp ts ? ts.toInstant() : (Instant) value;
    }

    private JsonNode read(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit event's values are not JSON", e);
        }
    }
}
