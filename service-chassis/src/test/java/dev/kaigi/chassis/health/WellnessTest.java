package dev.kaigi.chassis.health;

import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.KafkaBroker;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The systems a service talks to are reported beside readiness, never in it. */
@QuarkusTest
class WellnessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @DisplayName("Wellness: with the broker cut off, /q/health/ready stays UP while the Kafka wellness check "
            + "is DOWN in /q/health/well and /q/health; UP again once the broker is back")
    void kafkaAwayIsReportedWithoutFailingReadiness() {
        Await.until("the kafka check UP", () -> "UP".equals(status("/q/health/well", KafkaHealthCheck.NAME)), WAIT);
        KafkaBroker.disconnect();
        try {
            Await.until("the kafka check DOWN", () -> "DOWN".equals(status("/q/health/well", KafkaHealthCheck.NAME)), WAIT);
            given().get("/q/health/ready").then().statusCode(200);
            assertEquals("UP", health("/q/health/ready").getString("status"));
            assertEquals("DOWN", status("/q/health", KafkaHealthCheck.NAME), "the overall view shows it too");
        } finally {
            KafkaBroker.reconnect();
        }
        Await.until("the kafka check UP again", () -> "UP".equals(status("/q/health/well", KafkaHealthCheck.NAME)), WAIT);
    }

    private static String status(String path, String check) {
        return health(path).getString("checks.find { it.name == '" + check + "' }.status");
    }

    private static JsonPath health(String path) {
        return given().get(path).then().extract().jsonPath();
    }
}
