package dev.kaigi.chassis.outbox;

import dev.kaigi.chassis.tracing.TraceContext;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * SQL of the outbox table. Every method joins the caller's transaction (Agroal hands out the
 * connection enlisted in it), so an event row commits or rolls back with the change it announces.
 */
@ApplicationScoped
public class OutboxStore {

    /**
     * Takes the oldest unsent rows no other relay holds (SKIP LOCKED lets several instances share
     * the work), but leaves out any row whose key has an older unsent row outside this batch: that
     * row is being published by another instance, and publishing ours first would break the
     * per-key order (EVT-03). The left-out rows go in a later round.
     */
    private static final String LOCK_BATCH = """
            with batch as (
                select id from outbox where sent_at is null order by id limit ? for update skip locked
            ), taken as (
                select array_agg(id) ids from batch
            )
            select o.id, o.event_id, o.topic, o.event_key, o.event_type, o.source, o.subject, o.org_id,
                   o.occurred_at, o.payload::text, o.traceparent, o.tracestate
              from outbox o
             where o.id = any((select ids from taken)::bigint[])
               and not exists (
                   select 1 from outbox earlier
                    where earlier.event_key = o.event_key and earlier.sent_at is null
                      and earlier.id < o.id and not earlier.id = any((select ids from taken)::bigint[]))
             order by o.id
            """;
    // The batch's ids as an array, not a join: the statement is prepared once and then runs on
    // PostgreSQL's generic plan, which knows neither the limit nor how small the batch is, and
    // joined it by hashing the whole table, sent rows included (80 ms a batch at 20,000 rows,
    // growing with the table). "= any(array)" can only be answered by the primary key.

    private final AgroalDataSource dataSource;

    @Inject
    public OutboxStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    private static final String INSERT = "insert into outbox (event_id, topic, event_key, event_type, source, subject, org_id, occurred_at,"
            + " payload, traceparent, tracestate) values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)";

    void insert(OutboxRow row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            bind(ps, row);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record event " + row.type(), e);
        }
    }

    /** Inserts the rows in one JDBC batch, in list order (which is their per-key order, EVT-03). */
    void insertAll(List<OutboxRow> rows) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (OutboxRow row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + rows.size() + " events", e);
        }
    }

    private static void bind(PreparedStatement ps, OutboxRow row) throws SQLException {
        ps.setObject(1, row.eventId());
        ps.setString(2, row.topic());
        ps.setString(3, row.key());
        ps.setString(4, row.type());
        ps.setString(5, row.source());
        ps.setString(6, row.subject());
        ps.setObject(7, row.orgId());
        ps.setTimestamp(8, Timestamp.from(row.occurredAt()));
        ps.setString(9, row.payload());
        ps.setString(10, row.trace().traceparent());
        ps.setString(11, row.trace().tracestate());
    }

    List<OutboxRow> lockNextBatch(int limit) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LOCK_BATCH)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getObject(8, UUID.class), rs.getTimestamp(9).toInstant(), rs.getString(10),
                            new TraceContext(rs.getString(11), rs.getString(12))));
                }
            }
        }
        return rows;
    }

    void markSent(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update outbox set sent_at = now() where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    void recordFailure(List<Long> ids, String error) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update outbox set attempts = attempts + 1, last_error = ? where id = any(?)")) {
            ps.setString(1, error);
            ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    int deleteSentBefore(Duration age) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from outbox where sent_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, age.toSeconds());
            return ps.executeUpdate();
        }
    }
}
