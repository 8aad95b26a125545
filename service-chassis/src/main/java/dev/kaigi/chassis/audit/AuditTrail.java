package dev.kaigi.chassis.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Records administrative changes (SEC-02) in the transaction of the change, so the trail never
 * claims a change that rolled back nor misses one that committed. Who acted is read from the
 * request's token: the user, or the partner's or service's client; nobody for the system's own work.
 */
@ApplicationScoped
public class AuditTrail {

    private static final String INSERT = """
            insert into audit_trail (id, org_id, actor_user_id, actor_client_id, action, target_user_id, target_id,
                                     before, after, occurred_at)
            values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?)
            """;

    @Inject
    AgroalDataSource dataSource;
    @Inject
    ObjectMapper json;
    @Inject
    CurrentCaller caller;
    @Inject
    SecurityIdentity identity;

    /** Records {@code change}, unless it {@link AuditChange#changesNothing() changes nothing}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditChange change) {
        recordAll(List.of(change));
    }

    /**
     * Records several changes of one operation (applying a schedule to many users) in one round
     * trip. Plain JDBC on the transaction's connection: a native query would first make Hibernate
     * flush whatever the operation has pending, at a moment the operation did not choose.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<AuditChange> all) {
        write(all, actor());
    }

    /**
     * Records {@code change} as made by {@code userId}: a change an event carries out here for a user who asked for
     * it in another service (an OWNER's erasure), so the trail names them rather than nobody.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordOnBehalfOf(UUID userId, AuditChange change) {
        write(List.of(change), new AuditActor(userId, null));
    }

    private void write(List<AuditChange> all, AuditActor actor) {
        List<AuditChange> changes = all.stream().filter(c -> !c.changesNothing()).toList();
        if (changes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (AuditChange change : changes) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, change.orgId());
                ps.setObject(3, actor.userId());
                ps.setString(4, actor.clientId());
                ps.setString(5, change.action());
                ps.setObject(6, change.targetUserId());
                ps.setObject(7, change.targetId());
                ps.setString(8, toJson(change.before()));
                ps.setString(9, toJson(change.after()));
                ps.setTimestamp(10, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + changes.size() + " audit events", e);
        }
    }

    private AuditActor actor() {
        if (!Arc.container().requestContext().isActive() || identity.isAnonymous()) {
            return AuditActor.SYSTEM; // an event handler or a job: the change it carries out was recorded where it was made
        }
        Caller c = caller.get();
        return c.user().map(user -> new AuditActor(user, null))
                .orElseGet(() -> new AuditActor(null, caller.clientId().orElse(null)));
    }

    private String toJson(Map<String, ?> values) {
        if (values == null) {
            return null;
        }
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit values that cannot be written as JSON: " + values.keySet(), e);
        }
    }
}
