package dev.kaigi.scheduling.holiday;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AVL-03: {@link ClosedDays} as eligibility reads it from {@link ClosedDays#QUERY}'s rows. */
class ClosedDaysTest {

    private static final LocalDate SUBSTITUTE = LocalDate.parse("2026-05-06");
    private static final LocalDate CITIZENS = LocalDate.parse("2026-09-22");
    private static final LocalDate WORKDAY = LocalDate.parse("2026-05-07");
    private static final LocalDate YEAR_END = LocalDate.parse("2026-12-29");

    @Test
    @DisplayName("AVL-03 no rows: no day is closed")
    void none() throws SQLException {
        Rows rows = new Rows();
        assertSame(ClosedDays.NONE, ClosedDays.read(rows.resultSet()));
        for (LocalDate d : List.of(SUBSTITUTE, CITIZENS, WORKDAY, YEAR_END)) {
            assertFalse(ClosedDays.NONE.closed(d), d.toString());
        }
    }

    @Test
    @DisplayName("AVL-03 the calendar's holidays and the organization's own days are closed, other days open")
    void calendarAndOwnDays() throws SQLException {
        Rows rows = new Rows().row("JP", null).row(null, YEAR_END).row(null, WORKDAY.plusDays(1));
        ClosedDays closed = ClosedDays.read(rows.resultSet());
        assertTrue(closed.closed(SUBSTITUTE), "substitute holiday");
        assertTrue(closed.closed(CITIZENS), "citizens' holiday");
        assertTrue(closed.closed(YEAR_END), "own day");
        assertTrue(closed.closed(WORKDAY.plusDays(1)), "own day");
        assertFalse(closed.closed(WORKDAY));
        assertFalse(closed.closed(YEAR_END.plusDays(1)));
        assertEquals(4, rows.nextCalls, "all rows read, and the end seen");
        assertFalse(rows.closed, "the caller closes the result set");
    }

    @Test
    @DisplayName("AVL-03 the rows' order does not matter")
    void anyOrder() throws SQLException {
        ClosedDays closed = ClosedDays.read(new Rows().row(null, YEAR_END).row("JP", null).resultSet());
        assertTrue(closed.closed(SUBSTITUTE));
        assertTrue(closed.closed(YEAR_END));
        assertFalse(closed.closed(WORKDAY));
    }

    @Test
    @DisplayName("AVL-03 only the calendar, or only own days")
    void oneSourceOnly() throws SQLException {
        ClosedDays calendar = ClosedDays.read(new Rows().row("JP", null).resultSet());
        assertTrue(calendar.closed(SUBSTITUTE));
        assertFalse(calendar.closed(YEAR_END));
        ClosedDays own = ClosedDays.read(new Rows().row(null, YEAR_END).resultSet());
        assertTrue(own.closed(YEAR_END));
        assertFalse(own.closed(SUBSTITUTE));
    }

    @Test
    @DisplayName("AVL-03 a calendar id Kaigi does not ship is ignored, not a crash; own days still close")
    void unknownCalendarIgnored() throws SQLException {
        ClosedDays closed = ClosedDays.read(new Rows().row("XX", null).row(null, YEAR_END).resultSet());
        assertFalse(closed.closed(SUBSTITUTE));
        assertTrue(closed.closed(YEAR_END));
        assertSame(ClosedDays.NONE, ClosedDays.read(new Rows().row("XX", null).resultSet()));
    }

    /** {@link ClosedDays#QUERY}'s rows as a result set: (calendar, day), read by index as the query's columns. */
    private static final class Rows {
        private final List<Object[]> rows = new ArrayList<>();
        private int at = -1;
        int nextCalls;
        boolean closed;

        Rows row(String calendar, LocalDate day) {
            rows.add(new Object[] {calendar, day});
            return this;
        }

        ResultSet resultSet() {
            return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "next" -> {
                            nextCalls++;
                            yield ++at < rows.size();
                        }
                        case "getString" -> (String) rows.get(at)[(int) args[0] - 1];
                        case "getObject" -> {
                            Object v = rows.get(at)[(int) args[0] - 1];
                            if (args.length == 2 && args[1] == LocalDate.class) {
                                yield v;
                            }
                            yield v == null ? null : Date.valueOf((LocalDate) v);
                        }
                        case "getDate" -> rows.get(at)[(int) args[0] - 1] == null ? null : Date.valueOf((LocalDate) rows.get(at)[(int) args[0] - 1]);
                        case "wasNull" -> false;
                        case "close" -> {
                            closed = true;
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName() + Arrays.toString(args));
                    });
        }
    }
}
