package dev.kaigi.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

/** The benchmark's own view of the service's database: setup, the correctness check, and what PostgreSQL was busy with. */
final class Db implements AutoCloseable {

    private final Connection connection;
    private final String url;

    Db(Args args) throws SQLException {
        this(args, args.get("db"));
    }

    /** Another database on the same server, with the same role (the import benchmark's services each have their own). */
    Db(Args args, String database) throws SQLException {
        this.url = "jdbc:postgresql://" + args.get("pg-host", "127.0.0.1") + ":" + args.get("pg-port", "5432") + "/" + database;
        Properties props = new Properties();
        props.setProperty("user", args.get("db-user"));
        props.setProperty("password", args.get("db-password"));
        props.setProperty("ApplicationName", "kaigi-bench"); // so the wait sampler can leave this connection out
        this.connection = DriverManager.getConnection(url, props);
        this.connection.setAutoCommit(true);
    }

    String version() throws SQLException {
        return scalar("show server_version");
    }

    Map<String, Object> settings() throws SQLException {
        Map<String, Object> s = new LinkedHashMap<>();
        for (String name : List.of("shared_buffers", "synchronous_commit", "fsync", "wal_level", "max_connections",
                "shared_preload_libraries")) {
            try {
                s.put(name, scalar("show " + name));
            } catch (SQLException e) {
                s.put(name, null); // not readable by this role
            }
        }
        return s;
    }

    /** An organization with a subscription and a REGULAR pool of {@code purchased} seats, written directly (the pgbench side has no service). */
    void createOrganization(UUID orgId, int purchased) throws SQLException {
        try (PreparedStatement sub = connection.prepareStatement("insert into subscription (org_id, plan) values (?, 'FREE')");
             PreparedStatement pools = connection.prepareStatement(
                     "insert into seat_pool (org_id, pool, purchased) values (?, 'REGULAR', ?), (?, 'TEAM', 0)")) {
            sub.setObject(1, orgId);
            sub.executeUpdate();
            pools.setObject(1, orgId);
            pools.setInt(2, purchased);
            pools.setObject(3, orgId);
            pools.executeUpdate();
        }
    }

    /**
     * The invariant the service exists to keep (LIC-03): the counter equals the rows and never
     * exceeds the purchase; plus one outbox event per assignment.
     */
    Map<String, Object> seatCounts(UUID orgId) throws SQLException {
        Map<String, Object> c = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                select p.purchased, p.assigned,
                       (select count(*) from seat_assignment a where a.org_id = p.org_id and a.pool = p.pool),
                       (select count(*) from outbox o where o.org_id = p.org_id and o.event_type = 'kaigi.licensing.seat-assigned.v1'),
                       (select count(*) from outbox o where o.org_id = p.org_id and o.sent_at is null)
                  from seat_pool p where p.org_id = ? and p.pool = 'REGULAR'
                """)) {
            ps.setObject(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no REGULAR seat pool for organization " + orgId);
                }
                c.put("purchased", rs.getLong(1));
                c.put("assigned", rs.getLong(2));
                c.put("assignment_rows", rs.getLong(3));
                c.put("outbox_rows", rs.getLong(4));
                c.put("outbox_unsent", rs.getLong(5));
            }
        }
        return c;
    }

    long unsentOutboxRows(UUID orgId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select count(*) from outbox where org_id = ? and sent_at is null")) {
            ps.setObject(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Starts both sides from the same place: no dirty buffers left over from the previous phase. */
    void checkpoint() {
        try (Statement st = connection.createStatement()) {
            st.execute("checkpoint");
        } catch (SQLException e) {
            System.err.println("bench: checkpoint skipped (" + e.getMessage().strip() + ")");
        }
    }

    boolean statementStatsAvailable() {
        try (Statement st = connection.createStatement()) {
            st.execute("select pg_stat_statements_reset()");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The statements that took the most execution time since the last reset, this database only. */
    List<Map<String, Object>> topStatements(int limit, long divisor) throws SQLException {
        return topStatements(limit, divisor, "exec_ms_per_assignment");
    }

    /** As above, the time per unit of work under {@code perKey} (e.g. per imported row). */
    List<Map<String, Object>> topStatements(int limit, long divisor, String perKey) throws SQLException {
        List<Map<String, Object>> top = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                select regexp_replace(left(query, 120), '\\s+', ' ', 'g'), calls, total_exec_time, rows
                  from pg_stat_statements
                 where dbid = (select oid from pg_database where datname = current_database())
                   and query not like '%pg_stat%' and query not like '%pg_database%'
                 order by total_exec_time desc limit ?
                """)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("query", rs.getString(1));
                    s.put("calls", rs.getLong(2));
                    s.put("total_exec_ms", Latency.round(rs.getDouble(3), 1));
                    s.put("mean_exec_ms", Latency.round(rs.getDouble(3) / Math.max(1, rs.getLong(2)), 4));
                    s.put(perKey, Latency.round(rs.getDouble(3) / Math.max(1, divisor), 4));
                    top.add(s);
                }
            }
        }
        return top;
    }

    /**
     * Samples what the other sessions on this database are doing, every {@code periodMillis}, until
     * stopped: for this hot-row workload the interesting states are "waiting for the row lock"
     * (Lock), "waiting for WAL flush" (IO/LWLock) and "idle in transaction" (the client, holding the
     * lock, has not sent its next statement yet).
     */
    final class WaitSampler implements AutoCloseable {
        private final Map<String, Long> counts = new TreeMap<>();
        private final Thread thread;
        private volatile boolean running = true;
        private long samples;

        WaitSampler(int periodMillis) {
            thread = new Thread(() -> {
                while (running) {
                    sampleOnce();
                    try {
                        Thread.sleep(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "wait-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void sampleOnce() {
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("""
                    select state, coalesce(wait_event_type || ':' || wait_event, 'on CPU'), count(*)
                      from pg_stat_activity
                     where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
                       and application_name <> 'kaigi-bench'
                     group by 1, 2
                    """)) {
                while (rs.next()) {
                    counts.merge(rs.getString(1) + " / " + rs.getString(2), rs.getLong(3), Long::sum);
                }
                samples++;
            } catch (SQLException e) {
                // a missed sample changes nothing
            }
        }

        /** Average number of sessions in each state (e.g. "active / Lock:transactionid": 7.5 of 16 on average). */
        synchronized Map<String, Object> result() {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("samples", samples);
            Map<String, Object> avg = new LinkedHashMap<>();
            counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> avg.put(e.getKey(), Latency.round((double) e.getValue() / Math.max(1, samples), 2)));
            r.put("avg_sessions", avg);
            return r;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One number from a query with positional parameters (counts for the checks). */
    long count(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** {@code select key, count ... group by key} as a map. */
    Map<String, Long> counts(String sql, Object... params) throws SQLException {
        Map<String, Long> m = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return m;
    }

    private String scalar(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    String url() {
        return url;
    }

    /** The benchmark's own connection (auto-commit), for set-up and checks written elsewhere. */
    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}

