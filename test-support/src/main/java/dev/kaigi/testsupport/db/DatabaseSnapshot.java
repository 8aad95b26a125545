package dev.kaigi.testsupport.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The content of every table of the service's schema as row count and an md5 of all rows, so a test
 * can prove a request changed nothing. The outbox, inbox and migration history are
 * left out: the relay and consumers change them in the background.
 */
public record DatabaseSnapshot(Map<String, String> tables) {

    private static final Set<String> BACKGROUND = Set.of("flyway_schema_history", "outbox", "inbox", "outbox_event", "inbox_event",
            "processed_event");

    public static DatabaseSnapshot of(DataSource db) {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = db.getConnection()) {
            for (String table : tables(c)) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) || ' rows, md5 ' || "
                        + "md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from \"" + table + "\" t");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    tables.put(table, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("taking a snapshot of the database", e);
        }
        return new DatabaseSnapshot(tables);
    }

    /**
     * A snapshot once the database has stopped changing (two snapshots {@code quiet} apart agree), so
     * work the test's setup started in the background (consumers, relays) is not taken for a change.
     */
    public static DatabaseSnapshot settled(DataSource db, java.time.Duration quiet, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        DatabaseSnapshot last = of(db);
        while (true) {
            try {
                Thread.sleep(quiet.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            DatabaseSnapshot now = of(db);
            if (now.equals(last)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the database kept changing: " + now.changesSince(last));
            }
            last = now;
        }
    }

    /** The tables whose content differs from {@code before}, with both states; empty when none. */
    public List<String> changesSince(DatabaseSnapshot before) {
        List<String> changed = new ArrayList<>();
        tables.forEach((table, state) -> {
            if (!state.equals(before.tables.get(table))) {
                changed.add(table + ": " + before.tables.get(table) + " -> " + state);
            }
        });
        return changed;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!BACKGROUND.contains(rs.getString(1))) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }
}
