package dev.kaigi.integration;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.events.user.UserType;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.testsupport.db.DatabaseScan;
import dev.kaigi.testsupport.logs.CapturedLog;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.connectSalesforce;
import static dev.kaigi.integration.Fixtures.installSlack;
import static dev.kaigi.integration.Fixtures.linkCalendar;
import static dev.kaigi.integration.Fixtures.linkZoom;
import static dev.kaigi.integration.Fixtures.organization;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Security hygiene of the service that holds third-party secrets: while it links Zoom, Salesforce and a
 * calendar with known provider tokens and mails an invitation, nothing it logs (its own code at DEBUG, as plain
 * text or as the JSON lines production writes) carries a provider token, a configured client secret or password, a caller's bearer token, the
 * invitation link's token or the mail's text; and no column of its database holds a provider token in
 * plain text.
 */
@QuarkusTest
@QuarkusTestResource(ProviderSimulators.class)
class SecurityHygieneTest {

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("No token, secret, password or mail text in the log, as text or as production's JSON lines with their "
            + "logging context; provider tokens encrypted at rest")
    void secretsStayOutOfLogsAndPlainColumns() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> providerTokens = new LinkedHashMap<>();
        providerTokens.put("zoom access token", "zoom-access-" + run);
        providerTokens.put("zoom refresh token", "zoom-refresh-" + run);
        providerTokens.put("salesforce access token", "sf-access-" + run);
        providerTokens.put("salesforce refresh token", "sf-refresh-" + run);
        providerTokens.put("calendar access token", "cal-access-" + run);
        providerTokens.put("calendar refresh token", "cal-refresh-" + run);
        Map<String, String> secrets = new LinkedHashMap<>(providerTokens);
        try (CapturedLog log = CapturedLog.start()) {
            UUID org = organization(db, "Acme " + run);
            UUID owner = activeUser(db, org, "owner-" + run + "@acme.test", Role.OWNER);
            UUID member = activeUser(db, org, "member-" + run + "@acme.test", Role.MEMBER);
            linkZoom(org, member, "zoom-" + run, "member-" + run + "@acme.test",
                    providerTokens.get("zoom access token"), providerTokens.get("zoom refresh token"));
            connectSalesforce(org, owner, "00D" + run, providerTokens.get("salesforce access token"),
                    providerTokens.get("salesforce refresh token"), Map.of());
            linkCalendar(org, member, "google", providerTokens.get("calendar access token"),
                    providerTokens.get("calendar refresh token"), "member-" + run + "@acme.test");
            providerTokens.put("slack bot token", installSlack(org).botToken());
            secrets.put("slack bot token", providerTokens.get("slack bot token"));

            String bearer = TestTokens.user(org, member, "member");
            secrets.put("caller's bearer token", bearer);
            given().auth().oauth2(bearer).get("/api/v1/users/" + member + "/zoom-connection").then().statusCode(200);
            given().auth().oauth2(bearer).get("/api/v1/users/" + UUID.randomUUID() + "/zoom-connection").then().statusCode(404);

            String invitationToken = "tok_" + run + "_secret";
            String email = "invitee-" + run + "@acme.test";
            secrets.put("invitation token", invitationToken);
            TestEvents.publish(new UserInvited(org, "株式会社アクメ", UUID.randomUUID(), email, "佐藤", "花子", Role.MEMBER,
                    UserType.REGULAR, owner, invitationToken, Instant.parse("2030-04-08T03:00:00Z"), "en"));
            Await.until("invitation mail", () -> ProviderSimulators.mailsTo(email).size() == 1, Duration.ofSeconds(60));
            String mailText = ProviderSimulators.mailsTo(email).get(0).getContent().toString();
            mailText.lines().filter(l -> l.length() > 12).forEach(l -> secrets.put("mail text line '" + l + "'", l.trim()));

            for (String name : ConfigProvider.getConfig().getPropertyNames()) {
                // the service's own secrets (client secrets, the encryption key) and the mail server's password;
                // quarkus.*.password-key and the like name where a password is found, they are none
                boolean own = name.startsWith("kaigi.") && (name.contains("secret") || name.endsWith(".key"));
                if (own || name.equals("quarkus.mailer.password")) {
                    ConfigProvider.getConfig().getOptionalValue(name, String.class).filter(v -> v.length() >= 6)
                            .ifPresent(v -> secrets.put("configuration " + name, v));
                }
            }
            log.assertContainsNone(secrets);
        }
        providerTokens.forEach((name, token) ->
                assertEquals(List.of(), DatabaseScan.columnsContaining(db, token), name + " stored in plain text"));
    }
}
