package dev.kaigi.chassis.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NamedSqlTest {

    @Test
    void namesBecomePositionsAndRepeatedNamesShareOneBinding() {
        NamedSql sql = NamedSql.parse("t", "select :a, :b_2 from x where y = :a and z = cast(:c as uuid[])");
        assertEquals("select ?, ? from x where y = ? and z = cast(? as uuid[])", sql.jdbc());
        assertEquals(List.of("a", "b_2", "c"), List.copyOf(sql.parameters()));
        assertArrayEquals(new int[]{1, 3}, sql.positions("a"));
        assertArrayEquals(new int[]{2}, sql.positions("b_2"));
        assertArrayEquals(new int[]{4}, sql.positions("c"));
    }

    @Test
    void castsLiteralsIdentifiersAndCommentsAreLeftAlone() {
        String text = """
                -- a comment with :not_a_name
                select :x::uuid[], ':nor_this', 'it''s :still_text', "col:umn", /* :comment */ 1::int, :y
                """;
        NamedSql sql = NamedSql.parse("t", text);
        assertEquals(List.of("x", "y"), List.copyOf(sql.parameters()));
        assertEquals(text.replace(":x::uuid[]", "?::uuid[]").replace(", :y", ", ?"), sql.jdbc());
    }

    @Test
    void unterminatedLiteralsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> NamedSql.parse("t", "select 'open"));
        assertThrows(IllegalArgumentException.class, () -> NamedSql.parse("t", "select /* open"));
    }

    @Test
    void aMissingResourceIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NamedSql.load(NamedSqlTest.class, "none.sql"));
        assertEquals("no SQL resource none.sql beside " + NamedSqlTest.class.getName(), e.getMessage());
    }
}
