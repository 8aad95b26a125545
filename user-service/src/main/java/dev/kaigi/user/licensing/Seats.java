package dev.kaigi.user.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.inbox.DependencyUnavailableException;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.licensing.SeatPool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Seats through licensing-service (LIC-04). A seat is taken synchronously inside the caller's
 * transaction, so "no seat left" is answered at once and nothing is saved; if that transaction
 * then rolls back, the seat is given back (or the previous one restored) after it ends.
 */
@ApplicationScoped
public class Seats {

    private static final Logger LOG = Logger.getLogger(Seats.class);
    /** licensing-service's limit per seat-batch call. */
    private static final int MAX_BATCH = 1000;
    private static final Set<String> PASSED_ON = Set.of("seat-unavailable", "team-licences-disabled",
            "team-licences-unavailable-on-plan");

    @Inject
    @RestClient
    LicensingClient licensing;
    @Inject
    @RestClient
    SeatBatchClient batches;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    ObjectMapper json;

    /** Takes a seat of {@code pool} for a user who holds none. */
    public void take(UUID orgId, UUID userId, SeatPool pool) {
        call(orgId, userId, pool, () -> licensing.giveBack(orgId, userId));
        onRollback(() -> licensing.giveBack(orgId, userId));
    }

    /**
     * Takes seats of {@code pool} for users who hold none, in list order while seats are free
     * (BLK-01); returns who got one. Gives them back if the caller's transaction rolls back. A
     * TEAM pool without team licences is refused whole (409, BLK-03).
     */
    public Set<UUID> takeAll(UUID orgId, SeatPool pool, List<UUID> userIds) {
        Set<UUID> taken = new HashSet<>();
        for (int from = 0; from < userIds.size(); from += MAX_BATCH) {
            List<UUID> batch = List.copyOf(userIds.subList(from, Math.min(from + MAX_BATCH, userIds.size())));
            SeatBatchClient.TakeSeats request = new SeatBatchClient.TakeSeats(pool, batch);
            Runnable giveBack = () -> batches.giveBack(orgId, new SeatBatchClient.ReturnSeats(batch));
            taken.addAll(withOneRetry(() -> batches.take(orgId, request), pool, giveBack).taken());
            onRollback(giveBack);
        }
        return taken;
    }

    /**
     * Whether the user holds a seat now. A lost connection or a 5xx is {@link
     * DependencyUnavailableException}: an event handler asking waits until licensing is back.
     */
    public boolean holdsSeat(UUID orgId, UUID userId) {
        try {
            licensing.held(orgId, userId);
            return true;
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return false;
            }
            throw new DependencyUnavailableException("licensing-service answered " + e.getResponse().getStatus(), e);
        } catch (ProcessingException e) {
            throw new DependencyUnavailableException("licensing-service unreachable", e);
        }
    }

    /** Moves a user's seat to {@code pool} (team → regular conversion, LIF-04); restores the old one on rollback. */
    public void move(UUID orgId, UUID userId, SeatPool from, SeatPool to) {
        call(orgId, userId, to, () -> licensing.take(orgId, userId, new LicensingClient.TakeSeat(from)));
        onRollback(() -> licensing.take(orgId, userId, new LicensingClient.TakeSeat(from)));
    }

    /**
     * Takes the seat; one retry on a timeout or lost connection is safe because taking is
     * idempotent on the user. If it still fails, {@code undo} reverts what the lost call may have
     * done (give a new seat back, or put a moved seat back in its pool).
     */
    private void call(UUID orgId, UUID userId, SeatPool pool, Runnable undo) {
        withOneRetry(() -> {
            licensing.take(orgId, userId, new LicensingClient.TakeSeat(pool));
            return null;
        }, pool, undo);
    }

    /**
     * Runs {@code attempt}, once more after a timeout or lost connection. Refusals the caller must
     * see (no seat, team licences off) become the same problem here; any other failure runs
     * {@code undo} (what the lost call may have done) and answers 503.
     */
    private <T> T withOneRetry(Supplier<T> attempt, SeatPool pool, Runnable undo) {
        try {
            try {
                return attempt.get();
            } catch (ProcessingException firstAttempt) {
                LOG.warnf("licensing-service call failed (%s); retrying once", firstAttempt.getMessage());
                return attempt.get();
            }
        } catch (WebApplicationException e) {
            String code = problemCode(e);
            if (e.getResponse().getStatus() == 409 && PASSED_ON.contains(code)) {
                throw ProblemException.conflict(code, pool);
            }
            LOG.errorf("licensing-service refused a seat change with %d %s", e.getResponse().getStatus(), code);
            undoQuietly(undo);
            throw new ProblemException(503, "licensing-unavailable");
        } catch (ProcessingException e) {
            LOG.errorf("licensing-service unreachable: %s", e.getMessage());
            undoQuietly(undo);
            throw new ProblemException(503, "licensing-unavailable");
        }
    }

    private static void undoQuietly(Runnable undo) {
        try {
            undo.run();
        } catch (RuntimeException stillFailing) {
            LOG.error("could not undo a seat change possibly made by a lost call; licensing needs reconciling");
        }
    }

    private void onRollback(Runnable compensation) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    try {
                        compensation.run();
                    } catch (RuntimeException e) {
                        // licensing-service's reconciliation (or an operator) must fix this seat
                        LOG.errorf(e, "could not undo a seat change after a rollback");
                    }
                }
            }
        });
    }

    private String problemCode(WebApplicationException e) {
        try {
            JsonNode body = json.readTree(e.getResponse().readEntity(String.class));
            return body.path("code").asText("");
        } catch (Exception unreadable) {
            return "";
        }
    }
}
