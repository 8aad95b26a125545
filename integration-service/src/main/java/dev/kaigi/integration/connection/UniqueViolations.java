package dev.kaigi.integration.connection;

import java.sql.SQLException;

/** Tells a lost race on a UNIQUE constraint (SQLSTATE 23505) from other failures, wherever the driver's exception is wrapped. */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    public static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
