package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.testsupport.logs.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;

/**
 * Security hygiene of the service that issues invitation links and talks to the identity provider: while
 * it invites, accepts an invitation, answers SCIM and REST calls and syncs accounts to Keycloak, nothing
 * it logs (its own code at DEBUG), as plain text or as the JSON lines production writes, carries a caller's bearer
 * token, the invitation link's token or a configured client secret.
 */
@QuarkusTest
class SecurityHygieneTest {

    @Test
    @DisplayName("No bearer token, invitation token or client secret in the log, as text or as production's JSON lines "
            + "with their logging context")
    void secretsStayOutOfTheLog() {
        Map<String, String> secrets = new LinkedHashMap<>();
        try (CapturedLog log = CapturedLog.start(); EventProbe events = EventProbe.open(Topics.USER)) {
            UserFixtures.Org org = newOrganization();
            String superAdmin = TestTokens.user(org.id(), org.superAdmin(), "owner", "super_admin");
            secrets.put("super admin's bearer token", superAdmin);
            UUID invited = org.addInvited("MEMBER");
            String invitationToken = events.await(EventTypes.USER_INVITED, invited.toString(), Duration.ofSeconds(30))
                    .data().get("invitationToken").asText();
            secrets.put("invitation token", invitationToken);
            given().post("/api/v1/invitations/" + invitationToken + "/accept").then().statusCode(200);
            given().post("/api/v1/invitations/" + invitationToken + "/accept").then().statusCode(404);
            given().auth().oauth2(superAdmin).get("/api/v1/users/" + invited).then().statusCode(200);
            given().auth().oauth2(superAdmin).contentType("application/json").body("{\"email\":\"not-an-email\"}")
                    .post("/api/v1/users").then().statusCode(400);
            String scim = TestTokens.partner(org.id(), "scim");
            secrets.put("SCIM partner's bearer token", scim);
            given().auth().oauth2(scim).get("/scim/v2/Users").then().statusCode(200);
            given().auth().oauth2(scim).contentType("application/scim+json").body("{\"userName\":").post("/scim/v2/Users")
                    .then().statusCode(400);
            for (String name : ConfigProvider.getConfig().getPropertyNames()) {
                if (name.contains("secret")) {
                    ConfigProvider.getConfig().getOptionalValue(name, String.class).filter(v -> v.length() >= 8)
                            .ifPresent(v -> secrets.put("configuration " + name, v));
                }
            }
            log.assertContainsNone(secrets);
        }
    }
}
