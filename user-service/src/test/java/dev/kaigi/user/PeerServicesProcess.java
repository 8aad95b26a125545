package dev.kaigi.user;

import dev.kaigi.testsupport.PackagedService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real scheduling-service and integration-service, packaged, beside user-service under test on
 * the same PostgreSQL (a database each) and Kafka, for the tests of what user-service asks them
 * through their internal API (LIF-05's preview, SEC-04's export). They follow the users the tests
 * make through the events, as in production. integration-service's mailer is Quarkus's mock: no
 * mail leaves these tests.
 */
public class PeerServicesProcess implements QuarkusTestResourceLifecycleManager {

    static PackagedService scheduling;
    static PackagedService integration;

    @Override
    public Map<String, String> start() {
        String manageLinkSecret = "dXNlci1zZXJ2aWNlLXRlc3RzLW1hbmFnZS1saW5rLTM=";
        try {
            scheduling = PackagedService.start(jar("scheduling-service"), "scheduling-for-user-tests", "scheduling",
                    Map.of("kaigi.booking.manage-link-secret", manageLinkSecret));
            integration = PackagedService.start(jar("integration-service"), "integration-for-user-tests", "integration",
                    Map.of("kaigi.crypto.key", "dXNlci1zZXJ2aWNlLXRlc3RzLW9ubHkta2V5LTMyYiE=",
                            "kaigi.mail.manage-link-secret", manageLinkSecret,
                            "quarkus.mailer.mock", "true"));
        } catch (Exception e) {
            throw new IllegalStateException("scheduling-service or integration-service did not start (build them first: "
                    + "./mvnw -B -ntp verify -pl scheduling-service,integration-service,user-service -am)", e);
        }
        Map<String, String> config = new HashMap<>();
        config.put("kaigi.peers.scheduling-url", scheduling.baseUri());
        config.put("kaigi.peers.integration-url", integration.baseUri());
        config.put("kaigi.peers.read-timeout", "30s"); // several JVMs on two cores
        return config;
    }

    private static Path jar(String module) {
        return Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar");
    }

    @Override
    public void stop() {
        for (PackagedService s : new PackagedService[]{integration, scheduling}) {
            if (s != null) {
                s.close();
            }
        }
    }
}
