package dev.kaigi.user;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Keycloak sync port against a fake Keycloak admin API: the identity provider follows
 * user-service's users (LIF-01: a deactivated user cannot sign in again), and USR-04 reads the
 * address back from it.
 */
@QuarkusTest
class IdentitySyncTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Optional<JsonNode> account(UUID user) {
        return FakeKeycloak.instance.account(user);
    }

    private static void awaitAccount(String what, UUID user, java.util.function.Predicate<JsonNode> state) {
        Await.until(what, () -> account(user).filter(state).isPresent(), WAIT);
    }

    private static List<String> roles(JsonNode account) {
        List<String> roles = new ArrayList<>();
        account.path("attributes").path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    @Test
    @DisplayName("ORG-02/LIF-01: accounts follow users: created with org_id, uid and roles; disabled on deactivation; gone on removal")
    void accountsFollowUsers() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        awaitAccount("the super admin's account", org.superAdmin(), a -> roles(a).equals(List.of("owner", "super_admin")));
        JsonNode admin = account(org.superAdmin()).orElseThrow();
        assertEquals(org.id().toString(), admin.path("attributes").path("org_id").path(0).asText());
        assertEquals("ceo@" + org.domain(), admin.path("username").asText());

        UUID member = org.addActive("MEMBER", "REGULAR");
        awaitAccount("the member's account", member, a -> a.path("enabled").asBoolean() && roles(a).equals(List.of("member")));
        UUID invited = org.addInvited("MEMBER");

        org.asSuperAdmin().post("/api/v1/users/" + member + "/deactivate").then().statusCode(200);
        awaitAccount("the account to be disabled", member, a -> !a.path("enabled").asBoolean());
        org.asSuperAdmin().post("/api/v1/users/" + member + "/activate").then().statusCode(200);
        awaitAccount("the account to be enabled again", member, a -> a.path("enabled").asBoolean());

        var read = org.asSuperAdmin().get("/api/v1/users/" + member);
        org.asSuperAdmin().header("If-Match", read.header("ETag"))
                .body("{\"lastName\":\"Kimura\",\"firstName\":\"Aoi\",\"role\":\"MANAGER\"}").put("/api/v1/users/" + member)
                .then().statusCode(200);
        awaitAccount("the new role and name", member, a -> roles(a).equals(List.of("manager")) && "Kimura".equals(a.path("lastName").asText()));

        org.asSuperAdmin().post("/api/v1/users/" + member + "/remove").then().statusCode(204);
        Await.until("the account to be deleted", () -> account(member).isEmpty(), WAIT);
        assertTrue(account(invited).isEmpty(), "an invited user has no account until they accept");
    }

    @Test
    @DisplayName("A new account must set its own password: Keycloak's UPDATE_PASSWORD required action and one mail with the link, "
            + "leading back to the frontend client; later changes send no more mails; an adopted account gets none")
    void newAccountsSetTheirOwnPassword() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        UUID member = org.addActive("MEMBER", "REGULAR");
        awaitAccount("the member's account", member, a -> a.path("enabled").asBoolean());
        assertEquals("[\"UPDATE_PASSWORD\"]", account(member).orElseThrow().path("requiredActions").toString());
        Await.until("the set-password mail", () -> FakeKeycloak.instance.actionMails(member).size() == 1, WAIT);
        JsonNode mail = FakeKeycloak.instance.actionMails(member).get(0);
        assertEquals("[\"UPDATE_PASSWORD\"]", mail.path("actions").toString());
        assertEquals("kaigi-frontend", mail.path("client_id").asText());
        assertEquals("http://localhost:3000/", mail.path("redirect_uri").asText());
        assertEquals(String.valueOf(Duration.ofDays(7).toSeconds()), mail.path("lifespan").asText());

        org.asSuperAdmin().post("/api/v1/users/" + member + "/deactivate").then().statusCode(200);
        awaitAccount("the account to be disabled", member, a -> !a.path("enabled").asBoolean());
        assertEquals(1, FakeKeycloak.instance.actionMails(member).size(), "a change to the account sends no second mail");

        String email = "handmade-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain();
        FakeKeycloak.instance.addUnlinked(email);
        UUID adopted = org.add(email, "MEMBER", "REGULAR");
        awaitAccount("the adopted account", adopted, a -> org.id().toString().equals(a.path("attributes").path("org_id").path(0).asText()));
        assertTrue(FakeKeycloak.instance.actionMails(adopted).isEmpty(), "an account someone made has its own way to sign in");
        assertTrue(account(adopted).orElseThrow().path("requiredActions").isMissingNode());
    }

    @Test
    @DisplayName("EVT-02: while Keycloak answers 503 the change waits, and is applied once it is back")
    void outageIsWaitedOut() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        UUID member = org.addActive("MEMBER", "REGULAR");
        awaitAccount("the member's account", member, a -> a.path("enabled").asBoolean());
        FakeKeycloak.instance.down(true);
        try {
            org.asSuperAdmin().post("/api/v1/users/" + member + "/deactivate").then().statusCode(200);
            sleep(4000); // longer than the consumer takes to use up max-attempts (5) on a failing event
            assertTrue(account(member).orElseThrow().path("enabled").asBoolean(), "nothing reached Keycloak yet");
        } finally {
            FakeKeycloak.instance.down(false);
        }
        awaitAccount("the account to be disabled after the outage", member, a -> !a.path("enabled").asBoolean());
    }

    @Test
    @DisplayName("ORG-05: an account made by hand for the same address is adopted, not duplicated")
    void existingAccountIsAdopted() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        String email = "handmade-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain();
        FakeKeycloak.instance.addUnlinked(email);
        UUID user = org.add(email, "MEMBER", "REGULAR");
        awaitAccount("the hand-made account to carry our ids", user, a -> org.id().toString().equals(a.path("attributes").path("org_id").path(0).asText()));
        assertEquals(email.toLowerCase(), account(user).orElseThrow().path("username").asText());
    }

    @Test
    @DisplayName("USR-04: the stored email is refreshed from the identity provider, by the user or an OWNER; announced; ORG-05 still holds")
    void emailRefresh() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        UUID member = org.addActive("MEMBER", "REGULAR");
        UUID colleague = org.addActive("MEMBER", "REGULAR");
        awaitAccount("the member's account", member, a -> true);
        String renamed = "renamed-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain();
        FakeKeycloak.instance.changeEmail(member, renamed);

        org.as(colleague, "member").post("/api/v1/users/" + member + "/refresh-email").then().statusCode(403);
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            org.as(member, "member").post("/api/v1/users/" + member + "/refresh-email").then().statusCode(200)
                    .body("email", equalTo(renamed));
            JsonNode updated = events.await(EventTypes.USER_UPDATED, member.toString(), WAIT).data();
            assertEquals(renamed, updated.get("email").asText());
        }
        org.asSuperAdmin().get("/api/v1/users/" + member).then().body("email", equalTo(renamed));

        String colleagueEmail = org.asSuperAdmin().get("/api/v1/users/" + colleague).then().extract().path("email");
        FakeKeycloak.instance.changeEmail(member, colleagueEmail);
        org.asSuperAdmin().post("/api/v1/users/" + member + "/refresh-email").then().statusCode(409).body("code", equalTo("email-taken"));
        org.asSuperAdmin().get("/api/v1/users/" + member).then().body("email", equalTo(renamed));

        UUID invited = org.addInvited("MEMBER");
        org.asSuperAdmin().post("/api/v1/users/" + invited + "/refresh-email").then().statusCode(409)
                .body("code", equalTo("identity-account-missing"));
        UserFixtures.Org other = newOrganization();
        other.asSuperAdmin().post("/api/v1/users/" + member + "/refresh-email").then().statusCode(404);
        FakeKeycloak.instance.down(true);
        try {
            org.asSuperAdmin().post("/api/v1/users/" + member + "/refresh-email").then().statusCode(503)
                    .body("code", equalTo("identity-provider-unavailable"));
        } finally {
            FakeKeycloak.instance.down(false);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
