package dev.kaigi.user.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records administrative changes in the same transaction as the change, so the log never claims
 * a change that rolled back nor misses one that committed; and reads them back.
 */
@ApplicationScoped
public class AuditLog {

    /** What was done. */
    public enum Action {
        ORGANIZATION_CREATED, USER_ADDED, PROFILE_UPDATED, USER_DEACTIVATED, USER_ACTIVATED, USER_REMOVED,
        USER_DELETED, USER_CONVERTED, SUPER_ADMIN_TRANSFERRED, INVITATION_RESENT, FIELDS_APPLIED,
        USERS_IMPORTED, TEAM_CREATED, TEAM_RENAMED, TEAM_DELETED, EMAIL_REFRESHED, ORGANIZATION_SETTINGS_CHANGED,
        PERMISSION_PROFILE_CREATED, PERMISSION_PROFILE_CHANGED, PERMISSION_PROFILE_DELETED,
        IMPORT_COLUMN_MAPPING_SAVED, IMPORT_COLUMN_MAPPING_DELETED, LEAD_ERASED, PERSONAL_DATA_EXPORTED
    }

    @Inject
    EntityManager em;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID orgId, UUID actor, Action action, UUID target, Map<String, ?> before, Map<String, ?> after) {
        em.createNativeQuery("""
                        insert into audit_event (id, org_id, actor_user_id, action, target_user_id, before, after, occurred_at)
                        values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), cast(?7 as jsonb), ?8)
                        """)
                .setParameter(1, UUID.randomUUID()).setParameter(2, orgId).setParameter(3, actor)
                .setParameter(4, action.name()).setParameter(5, target)
                .setParameter(6, toJson(before)).setParameter(7, toJson(after)).setParameter(8, Instant.now())
                .executeUpdate();
    }

    /** One change, for {@link #recordAll}. */
    public record Entry(UUID orgId, UUID actor, Action action, UUID target, Map<String, ?> before, Map<String, ?> after) {
    }

    /**
     * Records many changes in one round trip (a CSV import chunk). Plain JDBC on the transaction's
     * connection: a native query would make Hibernate flush the pending user inserts one by one
     * and lose their batching.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into audit_event (id, org_id, actor_user_id, action, target_user_id, before, after, occurred_at)
                values (?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
                """)) {
            for (Entry e : entries) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, e.orgId());
                ps.setObject(3, e.actor());
                ps.setString(4, e.action().name());
                ps.setObject(5, e.target());
                ps.setString(6, toJson(e.before()));
                ps.setString(7, toJson(e.after()));
                ps.setTimestamp(8, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + entries.size() + " audit events", e);
        }
    }

    /** The organization's events, newest first, optionally of one target user or one action only. */
    @Transactional
    public Page<AuditEventView> events(UUID orgId, UUID target, Action action, PageRequest page) {
        String where = " where org_id = ?1 and (cast(?2 as uuid) is null or target_user_id = ?2) and (cast(?3 as text) is null or action = ?3)";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, actor_user_id, action, target_user_id, cast(before as text), "
                        + "cast(after as text), occurred_at from audit_event" + where + " order by occurred_at desc, id limit ?4 offset ?5")
                .setParameter(1, orgId).setParameter(2, target).setParameter(3, action == null ? null : action.name())
                .setParameter(4, page.size()).setParameter(5, page.offset()).getResultList();
        long total = ((Number) em.createNativeQuery("select count(*) from audit_event" + where)
                .setParameter(1, orgId).setParameter(2, target).setParameter(3, action == null ? null : action.name())
                .getSingleResult()).longValue();
        return Page.of(rows.stream().map(this::view).toList(), page, total);
    }

    private AuditEventView view(Object[] r) {
        return new AuditEventView((UUID) r[0], (UUID) r[1], Action.valueOf((String) r[2]), (UUID) r[3],
                fromJson((String) r[4]), fromJson((String) r[5]), instant(r[6]));
    }

    private static Instant instant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : value instanceof Timestamp ts ? ts.toInstant() : (Instant) value;
    }

    private JsonNode fromJson(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String toJson(Map<String, ?> values) {
        if (values == null) {
            return null;
        }
        try {
            return json.writeValueAsString(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
