package dev.kaigi.scheduling;

import dev.kaigi.testsupport.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's layout (see {@link ServiceArchitecture}): features without cycles, resources over services, handlers by their tables. */
class ArchitectureTest {

    private static final ServiceArchitecture SCHEDULING = ServiceArchitecture.of("dev.kaigi.scheduling");

    @Test
    void importsTheService() {
        assertTrue(SCHEDULING.classes().size() > 50, "classes under dev.kaigi.scheduling: " + SCHEDULING.classes().size());
    }

    @Test
    void featuresFreeOfCycles() {
        SCHEDULING.featuresFreeOfCycles();
    }

    @Test
    void resourcesCallServices() {
        SCHEDULING.resourcesCallServices();
    }

    @Test
    void entitiesStayBehindServices() {
        SCHEDULING.entitiesStayBehindServices();
    }

    @Test
    void eventHandlersLiveWithWhatTheyChange() {
        SCHEDULING.eventHandlersLiveWithWhatTheyChange();
    }
}
