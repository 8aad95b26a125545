package dev.kaigi.chassis.testapp;

import dev.kaigi.chassis.inbox.EventHandler;
import dev.kaigi.chassis.inbox.IncomingEvent;
import dev.kaigi.events.EventType;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.UserActivated;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Test handler: records each applied user-activated event, and misbehaves on request. */
@ApplicationScoped
public class UserActivatedRecorder implements EventHandler<UserActivated> {

    /** Thrown to kill the consumer thread the way an unexpected JVM error would. */
    public static class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash of the consumer");
        }
    }

    private final Set<UUID> alwaysFail = ConcurrentHashMap.newKeySet();
    private final Set<UUID> crashOnce = ConcurrentHashMap.newKeySet();
    private final Set<UUID> dependencyDown = ConcurrentHashMap.newKeySet();
    private final java.util.Map<UUID, Integer> transientFailures = new ConcurrentHashMap<>();

    private final Set<UUID> meetAt = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<UUID> appliedInOrder = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile java.util.concurrent.CyclicBarrier meeting;
    private volatile boolean met;

    private volatile boolean batchable;

    @Inject
    AgroalDataSource dataSource;

    @Override
    public boolean batchable() {
        return batchable;
    }

    /** Lets the consumer apply runs of these events in one transaction (off: one transaction each). */
    public void batchable(boolean on) {
        batchable = on;
    }

    @Override
    public EventType<UserActivated> eventType() {
        return EventTypes.USER_ACTIVATED;
    }

    @Override
    public void handle(IncomingEvent<UserActivated> event) {
        UUID userId = event.data().userId();
        org.jboss.logging.Logger.getLogger(UserActivatedRecorder.class).debugf("applying user-activated of %s", userId);
        record(dataSource, event.id(), userId);
        // misbehave after writing, so the rollback of the handler's own write is tested too
        if (crashOnce.remove(userId)) {
            throw new SimulatedCrash();
        }
        Integer failuresLeft = transientFailures.get(userId);
        if (failuresLeft != null) {
            if (failuresLeft <= 1) {
                transientFailures.remove(userId);
            } else {
                transientFailures.put(userId, failuresLeft - 1);
            }
            throw dependencyDown.contains(userId)
                    ? new dev.kaigi.chassis.inbox.DependencyUnavailableException("identity provider answered 503")
                    : new IllegalStateException("database unreachable", new java.sql.SQLException("connection lost", "08006"));
        }
        if (alwaysFail.contains(userId)) {
            throw new IllegalStateException("handler refuses user " + userId);
        }
        if (meetAt.remove(userId)) {
            awaitTheOther();
        }
        appliedInOrder.add(userId);
    }

    /** Waits for the other event of the meeting; only handlers running at the same time meet. */
    private void awaitTheOther() {
        try {
            meeting.await(10, java.util.concurrent.TimeUnit.SECONDS);
            met = true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.BrokenBarrierException e) {
            // never met: the test sees met() false
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The events of these two users each wait in the handler, up to 10 s, until the other is there too. */
    public void meetAt(UUID one, UUID other) {
        met = false;
        meeting = new java.util.concurrent.CyclicBarrier(2);
        meetAt.add(one);
        meetAt.add(other);
    }

    /** Whether the two events of {@link #meetAt} were in the handler at once. */
    public boolean met() {
        return met;
    }

    /** The users whose events were applied, in the order the handler finished them. */
    public java.util.List<UUID> appliedInOrder() {
        return java.util.List.copyOf(appliedInOrder);
    }

    /** One row of {@code applied_event}: a duplicate application shows as a second row. */
    static void record(AgroalDataSource dataSource, UUID eventId, UUID userId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into applied_event (event_id, user_id) values (?, ?)")) {
            ps.setObject(1, eventId);
            ps.setObject(2, userId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void failAlwaysFor(UUID userId) {
        alwaysFail.add(userId);
    }

    /** Fails {@code times} times as if the database were unreachable, then works. */
    /** Like {@link #failTransientlyFor}, but the failure is a called system being away. */
    public void dependencyDownFor(UUID userId, int times) {
        dependencyDown.add(userId);
        failTransientlyFor(userId, times);
    }

    /** The called system is back for this user's events. */
    public void dependencyBackFor(UUID userId) {
        transientFailures.remove(userId);
    }

    public void failTransientlyFor(UUID userId, int times) {
        transientFailures.put(userId, times);
    }

    public void crashOnceAt(UUID userId) {
        crashOnce.add(userId);
    }
}
