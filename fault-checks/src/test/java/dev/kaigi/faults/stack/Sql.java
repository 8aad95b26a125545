package dev.kaigi.faults.stack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** One-line reads of a service's database. */
public final class Sql {

    private Sql() {
    }

    /** The first column of every row of {@code sql}, as {@code type}. */
    public static <T> List<T> column(String database, Class<T> type, String sql, Object... params) {
        try (Connection c = Stack.db(database); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, type));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static long count(String database, String sql, Object... params) {
        return column(database, Long.class, sql, params).get(0);
    }
}
