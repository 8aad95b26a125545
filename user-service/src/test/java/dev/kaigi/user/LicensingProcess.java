package dev.kaigi.user;

import dev.kaigi.testsupport.PackagedService;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The real licensing-service, packaged, running beside user-service under test on the same
 * PostgreSQL (its own database) and Kafka: seats are taken through its API as in production.
 */
public class LicensingProcess implements QuarkusTestResourceLifecycleManager {

    static PackagedService licensing;

    @Override
    public Map<String, String> start() {
        try {
            licensing = PackagedService.start(Path.of("..", "licensing-service", "target", "quarkus-app", "quarkus-run.jar"),
                    "licensing-for-user-tests", "licensing", Map.of());
        } catch (Exception e) {
            throw new IllegalStateException("licensing-service did not start (build it first: ./mvnw -B -ntp verify "
                    + "-pl licensing-service,user-service -am)", e);
        }
        return Map.of(
                "quarkus.rest-client.licensing.url", licensing.baseUri(),
                // the test machine runs several JVMs on 2 cores: production keeps its 5 s
                "quarkus.rest-client.licensing.read-timeout", "30000",
                "kaigi.service-account.token", TestTokens.service("user-service", Duration.ofHours(12)));
    }

    @Override
    public void stop() {
        if (licensing != null) {
            licensing.close();
        }
    }
}
