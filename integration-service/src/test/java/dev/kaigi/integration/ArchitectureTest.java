package dev.kaigi.integration;

import dev.kaigi.testsupport.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** integration-service keeps the layout every service keeps ({@link ServiceArchitecture}). */
class ArchitectureTest {

    private static final ServiceArchitecture INTEGRATION = ServiceArchitecture.of("dev.kaigi.integration");

    @Test
    void importsTheService() {
        assertFalse(INTEGRATION.classes().isEmpty(), "no classes under dev.kaigi.integration: every rule would pass");
    }

    @Test
    void featuresFreeOfCycles() {
        INTEGRATION.featuresFreeOfCycles();
    }

    @Test
    void resourcesCallServices() {
        INTEGRATION.resourcesCallServices();
    }

    @Test
    void entitiesStayBehindServices() {
        INTEGRATION.entitiesStayBehindServices();
    }

    @Test
    void eventHandlersLiveWithWhatTheyChange() {
        INTEGRATION.eventHandlersLiveWithWhatTheyChange();
    }
}
