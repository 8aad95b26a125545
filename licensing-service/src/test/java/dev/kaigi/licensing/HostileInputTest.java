package dev.kaigi.licensing;

import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.testsupport.db.DatabaseSnapshot;
import dev.kaigi.testsupport.hostile.HostileInput;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

/**
 * Generated bad requests against every write endpoint of the served OpenAPI document,
 * sent as a caller the endpoint lets in (the service token for the internal API, an OWNER otherwise),
 * with ids that exist; each is refused 4xx problem+json and changes nothing.
 */
@QuarkusTest
class HostileInputTest {

    @Inject
    LicensingFixtures fixtures;
    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("Every bad request to a write endpoint is a 4xx problem+json and leaves the database unchanged")
    void badRequestsAreRefusedAndChangeNothing() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 10);
        UUID seated = fixtures.user(org, UserType.REGULAR);
        String assignment = LicensingFixtures.owner(org).body("{\"userId\":\"" + seated + "\",\"pool\":\"REGULAR\"}")
                .post("/api/v1/seat-assignments").then().statusCode(201).extract().path("id");
        String owner = TestTokens.user(org, UUID.randomUUID(), "owner");
        String service = TestTokens.service("user-service");
        DatabaseSnapshot.settled(db, Duration.ofMillis(300), Duration.ofSeconds(30));
        HostileInput.of(op -> op.path().startsWith("/api/v1/internal/") ? service : owner, () -> DatabaseSnapshot.of(db))
                .pathParameters((path, name) -> switch (name) {
                    case "orgId" -> org.toString();
                    case "userId" -> seated.toString();
                    case "pool" -> "REGULAR";
                    default -> assignment;
                })
                .assertEveryBadRequestIsRefusedAndChangesNothing();
    }
}
