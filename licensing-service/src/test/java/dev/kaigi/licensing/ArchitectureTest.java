package dev.kaigi.licensing;

import dev.kaigi.testsupport.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** licensing-service keeps the layout every service keeps ({@link ServiceArchitecture}). */
class ArchitectureTest {

    private static final ServiceArchitecture LICENSING = ServiceArchitecture.of("dev.kaigi.licensing");

    @Test
    void importsTheService() {
        assertFalse(LICENSING.classes().isEmpty(), "no classes under dev.kaigi.licensing: every rule would pass");
    }

    @Test
    void featuresFreeOfCycles() {
        LICENSING.featuresFreeOfCycles();
    }

    @Test
    void resourcesCallServices() {
        LICENSING.resourcesCallServices();
    }

    @Test
    void entitiesStayBehindServices() {
        LICENSING.entitiesStayBehindServices();
    }

    @Test
    void eventHandlersLiveWithWhatTheyChange() {
        LICENSING.eventHandlersLiveWithWhatTheyChange();
    }
}
