package dev.kaigi.integration;

import dev.kaigi.chassis.inbox.EventDispatcher;
import dev.kaigi.testsupport.EventConsumptionContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;

/** integration-service's event subscribers handle what the event catalogue says it consumes. */
@QuarkusTest
class IntegrationEventConsumptionTest extends EventConsumptionContract {

    @Inject
    EventDispatcher dispatcher;

    @Override
    protected Map<String, Set<String>> subscribedTypesByConsumer() {
        return dispatcher.subscribedTypesByConsumer();
    }
}
