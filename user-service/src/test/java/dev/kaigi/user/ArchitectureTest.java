package dev.kaigi.user;

import dev.kaigi.testsupport.architecture.ServiceArchitecture;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** user-service keeps the layout every service keeps ({@link ServiceArchitecture}). */
class ArchitectureTest {

    private static final ServiceArchitecture USER_SERVICE = ServiceArchitecture.of("dev.kaigi.user");

    @Test
    void importsTheServicesClasses() {
        assertFalse(USER_SERVICE.classes().isEmpty(), "no classes under dev.kaigi.user: every rule would pass");
    }

    @Test
    void featuresFreeOfCycles() {
        USER_SERVICE.featuresFreeOfCycles();
    }

    @Test
    void resourcesCallServices() {
        USER_SERVICE.resourcesCallServices();
    }

    @Test
    void entitiesStayBehindServices() {
        USER_SERVICE.entitiesStayBehindServices();
    }

    @Test
    void eventHandlersLiveWithWhatTheyChange() {
        USER_SERVICE.eventHandlersLiveWithWhatTheyChange();
    }
}
