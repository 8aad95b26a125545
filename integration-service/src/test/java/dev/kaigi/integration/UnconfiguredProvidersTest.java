package dev.kaigi.integration;

import dev.kaigi.events.user.Role;
import dev.kaigi.testsupport.KaigiTestResources;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A deployment that set no client id for a provider (application.properties' defaults, no simulators):
 * starting an authorization answers 503 provider-not-configured naming the variable to set, never a link
 * to the provider's sign-in page that could only fail, and stores no state.
 */
@QuarkusTest
@TestProfile(UnconfiguredProvidersTest.NoProviders.class)
class UnconfiguredProvidersTest {

    /** Only the database, broker and token key: no simulator, so every provider keeps its "not-configured" default. */
    public static class NoProviders implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KaigiTestResources.class, Map.of("database", "integration")));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("an unconfigured Salesforce, Zoom, Slack, Google or Microsoft answers 503 provider-not-configured with its variable, in both languages")
    void unconfiguredProvidersAreNamed() throws Exception {
        UUID org = organization(db, "Acme");
        UUID owner = activeUser(db, org, "owner-" + UUID.randomUUID() + "@acme.test", Role.OWNER);
        String token = TestTokens.user(org, owner, "owner");
        given().auth().oauth2(token).post("/api/v1/organization/salesforce-connection/authorization").then()
                .statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("provider-not-configured"))
                .body("detail", containsString("KAIGI_SALESFORCE_CLIENT_ID"));
        given().auth().oauth2(token).header("Accept-Language", "ja").post("/api/v1/users/{id}/zoom-connection/authorization", owner).then()
                .statusCode(503).body("code", equalTo("provider-not-configured"))
                .body("title", equalTo("連携先が設定されていません"))
                .body("detail", containsString("KAIGI_ZOOM_CLIENT_ID"));
        given().auth().oauth2(token).post("/api/v1/organization/slack-installation/authorization").then()
                .statusCode(503).body("code", equalTo("provider-not-configured"))
                .body("detail", containsString("KAIGI_SLACK_CLIENT_ID"));
        for (String[] calendar : new String[][] {{"GOOGLE", "KAIGI_GOOGLE_CLIENT_ID"}, {"MICROSOFT", "KAIGI_MICROSOFT_CLIENT_ID"}}) {
            given().auth().oauth2(token).contentType("application/json").body("{\"provider\":\"" + calendar[0] + "\"}")
                    .post("/api/v1/users/{id}/calendar-connection/authorization", owner).then()
                    .statusCode(503).body("code", equalTo("provider-not-configured"))
                    .body("detail", containsString(calendar[1]));
        }
        assertEquals(0, Fixtures.count(db, "select count(*) from oauth_state where org_id = ?", org), "no authorization was started");
    }
}
