package dev.kaigi.testsupport.db;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every column of every table of the service's schema, raw, the way someone holding a copy of
 * the database would, so a test can prove that secrets are encrypted at rest.
 */
public final class DatabaseScan {

    private DatabaseScan() {
    }

    /** {@code table.column} of every column whose stored value contains {@code plaintext} (text as text, bytea as bytes). */
    public static List<String> columnsContaining(DataSource db, String plaintext) {
        List<String> found = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            for (String[] column : columns(c)) {
                String table = column[0];
                String name = column[1];
                String test = column[2].equals("bytea")
                        ? "position(? in \"" + name + "\") > 0"
                        : "\"" + name + "\"::text like '%' || ? || '%'";
                try (PreparedStatement ps = c.prepareStatement("select count(*) from \"" + table + "\" where " + test)) {
                    if (column[2].equals("bytea")) {
                        ps.setBytes(1, plaintext.getBytes(StandardCharsets.UTF_8));
                    } else {
                        ps.setString(1, plaintext);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            found.add(table + "." + name);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scanning the database", e);
        }
        return found;
    }

    private static List<String[]> columns(Connection c) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = current_schema() and data_type in ('text', 'character varying', 'bytea', 'jsonb', 'json')
                order by table_name, column_name""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return columns;
    }
}
