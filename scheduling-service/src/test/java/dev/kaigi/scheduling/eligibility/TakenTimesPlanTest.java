package dev.kaigi.scheduling.eligibility;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards migration V4 and {@link HostFactsLoader}'s taken-times query: the planner once read each
 * host's whole history through the exclusion constraint's GiST index (3.8 ms per booking). The plans
 * are the generic ones (what a prepared statement ends up with) with sequential scans discouraged,
 * since the test database is nearly empty; the index drops are rolled back.
 */
@QuarkusTest
class TakenTimesPlanTest {

    private static final String PARAMETERS = "(uuid[], timestamptz, timestamptz, timestamptz, uuid[], timestamptz, timestamptz)";
    private static final String ARGUMENTS = "('{00000000-0000-0000-0000-000000000001}', now(), now() + interval '1 hour', now(), "
            + "'{00000000-0000-0000-0000-000000000001}', now() + interval '1 hour', now())";

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("V4: taken times are read through booking_taken_by_host; the GiST index cannot serve the query, "
            + "though it would serve the same query asking status = 'BOOKED'")
    void takenTimesUseTheirOwnIndex() throws SQLException {
        String asked = HostFactsLoader.TAKEN;
        String booked = asked.replace("status <> 'CANCELLED'", "status = 'BOOKED'");
        assertNotEquals(booked, asked, "the query names the status it skips");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                s.execute("set local enable_seqscan = off");
                s.execute("set local plan_cache_mode = force_generic_plan");
                String plan = plan(s, asked);
                assertTrue(plan.contains("booking_taken_by_host"), plan);

                // without any btree on the host, only the GiST index is left to find a host's bookings
                s.execute("drop index booking_taken_by_host, booking_by_host");
                String withoutBtrees = plan(s, asked);
                assertFalse(withoutBtrees.contains("booking_no_overlap"), withoutBtrees);
                String askingBooked = plan(s, booked);
                assertTrue(askingBooked.contains("booking_no_overlap"), "the check can fail: " + askingBooked);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** The generic plan of {@code sql} with its {@code ?} numbered, as EXPLAIN prints it. */
    private static String plan(Statement s, String sql) throws SQLException {
        StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            numbered.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
        }
        s.execute("prepare taken_plan" + PARAMETERS + " as " + numbered);
        try (ResultSet rs = s.executeQuery("explain execute taken_plan" + ARGUMENTS)) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            return plan.toString();
        } finally {
            s.execute("deallocate taken_plan");
        }
    }
}
