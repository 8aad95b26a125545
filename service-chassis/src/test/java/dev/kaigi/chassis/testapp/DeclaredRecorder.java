package dev.kaigi.chassis.testapp;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Test subscriber: records user-removed (declared batchable) and user-deleted events, and declares
 * user-declined inactive, so its events must be skipped.
 */
@ApplicationScoped
public class DeclaredRecorder implements EventSubscriber {

    @Inject
    AgroalDataSource dataSource;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.incoming(EventTypes.USER_REMOVED, e -> UserActivatedRecorder.record(dataSource, e.id(), e.data().userId())).batchable();
        on.incoming(EventTypes.USER_DELETED, e -> UserActivatedRecorder.record(dataSource, e.id(), e.data().userId()));
        on.incoming(EventTypes.USER_DECLINED, e -> UserActivatedRecorder.record(dataSource, e.id(), e.data().userId()))
                .activeIf(false);
    }
}
