package dev.kaigi.chassis.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * A prepared {@link NamedSql} being bound by name. Binding a name the statement does not use is an
 * error, and so is executing with a name left unbound: a renamed parameter fails at once, not with
 * a value bound in the wrong place.
 */
public final class NamedStatement implements AutoCloseable {

    private final NamedSql sql;
    private final PreparedStatement statement;
    private final Set<String> bound = new HashSet<>();

    NamedStatement(NamedSql sql, PreparedStatement statement) {
        this.sql = sql;
        this.statement = statement;
    }

    /** Whether the statement has a parameter {@code name}: for binders that serve several statements. */
    public boolean has(String name) {
        return sql.parameters().contains(name);
    }

    /** Binds a value the driver maps by its Java type ({@code UUID}, {@code LocalDate}, {@code OffsetDateTime}, ...); null binds SQL null. */
    public NamedStatement set(String name, Object value) throws SQLException {
        return bind(name, (ps, i) -> ps.setObject(i, value));
    }

    public NamedStatement setString(String name, String value) throws SQLException {
        return bind(name, (ps, i) -> ps.setString(i, value));
    }

    public NamedStatement setInt(String name, int value) throws SQLException {
        return bind(name, (ps, i) -> ps.setInt(i, value));
    }

    public NamedStatement setLong(String name, long value) throws SQLException {
        return bind(name, (ps, i) -> ps.setLong(i, value));
    }

    public NamedStatement setBoolean(String name, boolean value) throws SQLException {
        return bind(name, (ps, i) -> ps.setBoolean(i, value));
    }

    /** An instant as {@code timestamptz} (bound with offset UTC, which the driver sends unambiguously). */
    public NamedStatement setInstant(String name, Instant value) throws SQLException {
        return set(name, value == null ? null : value.atOffset(ZoneOffset.UTC));
    }

    public ResultSet executeQuery() throws SQLException {
        requireAllBound();
        return statement.executeQuery();
    }

    public int executeUpdate() throws SQLException {
        requireAllBound();
        return statement.executeUpdate();
    }

    /** One JDBC setter, applied at every place the name stands. */
    @FunctionalInterface
    private interface Setter {
        void set(PreparedStatement statement, int index) throws SQLException;
    }

    private NamedStatement bind(String name, Setter setter) throws SQLException {
        int[] at = sql.positions(name);
        if (at.length == 0) {
            throw new IllegalArgumentException(sql.source() + " has no parameter :" + name);
        }
        for (int i : at) {
            setter.set(statement, i);
        }
        bound.add(name);
        return this;
    }

    private void requireAllBound() {
        if (!bound.containsAll(sql.parameters())) {
            Set<String> missing = new HashSet<>(sql.parameters());
            missing.removeAll(bound);
            throw new IllegalStateException(sql.source() + ": unbound parameters " + missing);
        }
    }

    @Override
    public void close() throws SQLException {
        statement.close();
    }
}
