package dev.kaigi.chassis.inbox;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a failure of the infrastructure (database unreachable, deadlock, serialization failure,
 * pool exhausted, a called system away: {@link DependencyUnavailableException}) from a failure of the event itself. The first kind clears up by waiting, so the
 * event is retried for as long as it takes; only the second kind is dead-lettered. A request that meets the
 * first kind is answered 503 ({@code ProblemMappers}).
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                // a commit that failed because the connection was cut: Narayana's RollbackException carries
                // the driver's error as a suppressed exception, not as its cause
                if (isTransient(suppressed)) {
                    return true;
                }
            }
            if (t instanceof DependencyUnavailableException) {
                return true;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57"))) {
                    return true; // connection, transaction rollback, resources, operator intervention
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true; // connection pool exhausted
                }
            }
            if (t instanceof jakarta.persistence.LockTimeoutException || t instanceof jakarta.persistence.QueryTimeoutException
                    || t instanceof jakarta.persistence.PessimisticLockException) {
                return true;
            }
        }
        return false;
    }
}
