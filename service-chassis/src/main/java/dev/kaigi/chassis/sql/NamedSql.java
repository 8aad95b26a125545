package dev.kaigi.chassis.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An SQL statement with named parameters ({@code :org_id}), kept in a {@code .sql} resource next to
 * the code that runs it, so it can be read, diffed and run under {@code psql} or {@code pgbench} as
 * it is. JDBC knows only positional {@code ?}: this turns each {@code :name} into one and remembers
 * where, so a name used three times is bound once. A cast ({@code ::uuid[]}), a string literal, a
 * quoted identifier and a comment are left alone.
 */
public final class NamedSql {

    private final String source;
    private final String jdbc;
    private final Map<String, int[]> positions;

    private NamedSql(String source, String jdbc, Map<String, int[]> positions) {
        this.source = source;
        this.jdbc = jdbc;
        this.positions = positions;
    }

    /** The resource {@code name}, looked up beside {@code anchor} (its package's folder). */
    public static NamedSql load(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no SQL resource " + name + " beside " + anchor.getName());
            }
            return parse(anchor.getPackageName().replace('.', '/') + "/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code sql}; {@code source} names it in error messages. */
    public static NamedSql parse(String source, String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        Map<String, List<Integer>> found = new LinkedHashMap<>();
        int n = sql.length();
        int i = 0;
        int index = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end = skipLiteral(sql, i);
            if (end > i) {
                out.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                out.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < n && isNameStart(sql.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isNamePart(sql.charAt(j))) {
                    j++;
                }
                found.computeIfAbsent(sql.substring(i + 1, j), k -> new ArrayList<>()).add(++index);
                out.append('?');
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        Map<String, int[]> positions = new LinkedHashMap<>();
        found.forEach((name, at) -> positions.put(name, at.stream().mapToInt(Integer::intValue).toArray()));
        return new NamedSql(source, out.toString(), Collections.unmodifiableMap(positions));
    }

    /** Where a string literal, a quoted identifier or a comment starting at {@code i} ends; {@code i} if none starts there. */
    private static int skipLiteral(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == c) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
                        j += 2; // a doubled quote stays inside
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            throw new IllegalArgumentException("unterminated " + c + " in SQL");
        }
        if (sql.startsWith("--", i)) {
            int eol = sql.indexOf('\n', i);
            return eol < 0 ? sql.length() : eol;
        }
        if (sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            if (close < 0) {
                throw new IllegalArgumentException("unterminated comment in SQL");
            }
            return close + 2;
        }
        return i;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /** The statement as JDBC runs it, with {@code ?} for every parameter. */
    public String jdbc() {
        return jdbc;
    }

    /** The parameter names, in the order they first appear. */
    public Set<String> parameters() {
        return positions.keySet();
    }

    /** The JDBC indexes of {@code name} (one per use); empty when the statement does not use it. */
    int[] positions(String name) {
        return positions.getOrDefault(name, new int[0]);
    }

    /** Where the statement came from, for messages. */
    public String source() {
        return source;
    }

    /** Prepares the statement on {@code connection}; bind every parameter by name, then execute. */
    public NamedStatement prepare(Connection connection) throws SQLException {
        return new NamedStatement(this, connection.prepareStatement(jdbc));
    }
}
