package dev.kaigi.integration;

import dev.kaigi.events.user.Role;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.testsupport.db.DatabaseSnapshot;
import dev.kaigi.testsupport.hostile.HostileInput;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.organization;

/**
 * Generated bad requests against every write endpoint of the served OpenAPI document,
 * as an OWNER acting on their own user (so the self-only connection endpoints let them in too), or the service token for
 * the internal API; each is
 * refused 4xx problem+json and changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulators.class)
class HostileInputTest {

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("Every bad request to a write endpoint is a 4xx problem+json and leaves the database unchanged")
    void badRequestsAreRefusedAndChangeNothing() throws Exception {
        UUID org = organization(db, "Hostile");
        UUID owner = activeUser(db, org, "owner-" + org.toString().substring(0, 8) + "@acme.test", Role.OWNER);
        String token = TestTokens.user(org, owner, "owner");
        DatabaseSnapshot.settled(db, Duration.ofMillis(300), Duration.ofSeconds(30));
        String service = TestTokens.service("user-service");
        HostileInput.of(op -> op.path().startsWith("/api/v1/internal/") ? service : token, () -> DatabaseSnapshot.of(db))
                .pathParameters((path, name) -> "orgId".equals(name) ? org.toString() : owner.toString())
                .assertEveryBadRequestIsRefusedAndChangesNothing();
    }
}
