package dev.kaigi.chassis.testapp;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test subscriber: records user-removed (declared batchable), user-deleted and user-updated events, and declares
 * user-declined inactive, so its events must be skipped. A user-updated event is held on request, as a handler
 * waiting on a slow provider would be.
 */
@ApplicationScoped
public class DeclaredRecorder implements EventSubscriber {

    @Inject
    AgroalDataSource dataSource;

    private final Map<UUID, CountDownLatch> held = new ConcurrentHashMap<>();

    /** Holds the handler of this user's user-updated events until {@link #release}, 20 s at most. */
    public void hold(UUID userId) {
        held.put(userId, new CountDownLatch(1));
    }

    public void release(UUID userId) {
        CountDownLatch latch = held.remove(userId);
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public void subscribe(EventSubscriptions on) {
        on.incoming(EventTypes.USER_REMOVED, e -> UserActivatedRecorder.record(dataSource, e.id(), e.data().userId())).batchable();
        on.incoming(EventTypes.USER_DELETED, e -> UserActivatedRecorder.record(dataSource, e.id(), e.data().userId()));
        on.incoming(EventTypes.USER_UPDATED, e -> {
            awaitRelease(e.data().userId());
            UserActivatedRecorder.record(dataSource, e.id(), e.data().userId());
        });
        on.incoming(EventTypes.USER_DECLINED, e -> UserActivatedRecorder.record(dataSource, e.id(), e.data().userId()))
                .activeIf(false);
    }

    private void awaitRelease(UUID userId) {
        CountDownLatch latch = held.get(userId);
        if (latch != null) {
            try {
                latch.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
