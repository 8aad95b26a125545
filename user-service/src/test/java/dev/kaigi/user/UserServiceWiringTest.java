package dev.kaigi.user;

import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.KaigiTestResources;
import dev.kaigi.testsupport.ServiceWiringContract;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/** user-service starts with its database, broker and token verification wired. */
@QuarkusTest
@QuarkusTestResource(value = KaigiTestResources.class, initArgs = @ResourceArg(name = "database", value = "users"))
@QuarkusTestResource(LicensingProcess.class)
@QuarkusTestResource(FakeKeycloak.class)
class UserServiceWiringTest extends ServiceWiringContract {

    @Test
    @DisplayName("Wellness: licensing-service, which user-service takes seats from, is a wellness check: UP while it is ready")
    void licensingServiceIsReportedInWellness() {
        Await.until("licensing-service UP in /q/health/well", () -> "UP".equals(given().get("/q/health/well").then()
                .extract().jsonPath().getString("checks.find { it.name == 'licensing-service' }.status")));
    }
}
