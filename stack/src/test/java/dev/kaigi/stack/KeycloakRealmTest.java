package dev.kaigi.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * deploy/keycloak/kaigi-realm.json gives the services the claims they read (chassis {@code CurrentCaller}:
 * {@code org_id}, {@code uid}, {@code roles}, {@code scope}) and keeps a user from writing them.
 * That Keycloak really issues tokens the services accept is proven by {@code StackSmokeIT}.
 */
class KeycloakRealmTest {

    static final List<String> SERVICES = ServiceConfiguration.SERVICES;
    private static JsonNode realm;

    @BeforeAll
    static void read() throws IOException {
        realm = new ObjectMapper().readTree(ServiceConfiguration.root().resolve("deploy/keycloak/kaigi-realm.json").toFile());
    }

    @Test
    @DisplayName("org_id, uid and roles (multivalued, the chassis' role claim) are mapped from user attributes into every token")
    void kaigiClaims() throws IOException {
        JsonNode scope = clientScope("kaigi");
        Set<String> claims = new TreeSet<>();
        for (JsonNode mapper : scope.path("protocolMappers")) {
            JsonNode c = mapper.path("config");
            if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                continue; // the audience: kaigiAudience
            }
            assertEquals("oidc-usermodel-attribute-mapper", mapper.path("protocolMapper").asText());
            assertEquals(c.path("user.attribute").asText(), c.path("claim.name").asText(), "the attribute user-service's sync writes");
            assertEquals("true", c.path("access.token.claim").asText());
            claims.add(c.path("claim.name").asText());
            if (c.path("claim.name").asText().equals("roles")) {
                assertEquals("true", c.path("multivalued").asText(), "roles is a JSON array");
            }
        }
        assertEquals(Set.of("org_id", "roles", "uid"), claims);
        String chassis = Files.readString(ServiceConfiguration.root().resolve("service-chassis/src/main/resources/META-INF/microprofile-config.properties"));
        assertTrue(chassis.contains("quarkus.oidc.roles.role-claim-path=roles"), "the services read their roles from the roles claim");
        for (JsonNode client : realm.path("clients")) {
            assertTrue(client.path("defaultClientScopes").toString().contains("\"kaigi\""), client.path("clientId") + " gets the Kaigi claims");
        }
    }

    @Test
    @DisplayName("SEC-01: every Kaigi client's access tokens carry the audience the services require, and its ID tokens do not")
    void kaigiAudience() throws IOException {
        JsonNode audience = null;
        for (JsonNode mapper : clientScope("kaigi").path("protocolMappers")) {
            if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                audience = mapper.path("config");
            }
        }
        if (audience == null) {
            fail("the kaigi client scope has no audience mapper: the services would refuse every token");
        }
        String chassis = Files.readString(ServiceConfiguration.root().resolve("service-chassis/src/main/resources/META-INF/microprofile-config.properties"));
        assertTrue(chassis.contains("quarkus.oidc.token.audience=${KAIGI_OIDC_AUDIENCE:" + audience.path("included.custom.audience").asText() + "}"),
                "the services require the audience the realm puts in");
        assertTrue(chassis.contains("quarkus.oidc.token.required-claims.typ=Bearer"), "the services take access tokens only");
        assertEquals("true", audience.path("access.token.claim").asText());
        assertEquals("false", audience.path("id.token.claim").asText(), "an ID token is not meant for the services");
        assertFalse(realm.path("defaultDefaultClientScopes").toString().contains("\"kaigi\""),
                "a new client of the realm does not get Kaigi's audience unless an administrator gives it the kaigi scope");
    }

    @Test
    @DisplayName("Only an admin (user-service's sync) may see or change org_id, uid and roles: a user cannot pick a tenant")
    void tenantAttributesAreAdminOnly() throws IOException {
        JsonNode profile = new ObjectMapper().readTree(realm.path("components").path("org.keycloak.userprofile.UserProfileProvider")
                .path(0).path("config").path("kc.user.profile.config").path(0).asText());
        for (String name : List.of("org_id", "uid", "roles")) {
            JsonNode attribute = null;
            for (JsonNode a : profile.path("attributes")) {
                if (a.path("name").asText().equals(name)) {
                    attribute = a;
                }
            }
            if (attribute == null) {
                fail("the user profile does not declare " + name + ": Keycloak would drop it");
            }
            assertEquals("[\"admin\"]", attribute.path("permissions").path("edit").toString(), name);
            assertEquals("[\"admin\"]", attribute.path("permissions").path("view").toString(), name);
        }
        assertFalse(profile.has("unmanagedAttributePolicy"), "no other attribute may be set by users either");
        assertFalse(realm.path("registrationAllowed").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    @DisplayName("Each service has a confidential client whose tokens carry roles [service]")
    void serviceClients(String service) {
        JsonNode client = client(service);
        assertFalse(client.path("publicClient").asBoolean());
        assertTrue(client.path("serviceAccountsEnabled").asBoolean());
        assertFalse(client.path("standardFlowEnabled").asBoolean(), "no browser sign-in as a service");
        assertEquals("[\"service\"]", serviceAccount(service).path("attributes").path("roles").toString());
    }

    @Test
    @DisplayName("user-service's client may manage the realm's users (the Keycloak sync port)")
    void userServiceManagesUsers() {
        String roles = serviceAccount("user-service").path("clientRoles").path("realm-management").toString();
        assertTrue(roles.contains("manage-users") && roles.contains("view-users"), roles);
    }

    @Test
    @DisplayName("The frontend is a public client with PKCE (S256); the partner a confidential client with the partner scopes")
    void frontendAndPartner() {
        JsonNode frontend = client("kaigi-frontend");
        assertTrue(frontend.path("publicClient").asBoolean());
        assertEquals("S256", frontend.path("attributes").path("pkce.code.challenge.method").asText());
        frontend.path("redirectUris").forEach(uri -> assertTrue(uri.asText().matches("http://(localhost|127\\.0\\.0\\.1):\\d+/.*"), uri.asText()));

        JsonNode partner = client("kaigi-partner-demo");
        assertFalse(partner.path("publicClient").asBoolean());
        assertTrue(partner.path("serviceAccountsEnabled").asBoolean());
        assertFalse(partner.path("directAccessGrantsEnabled").asBoolean());
        List<String> scopes = new ArrayList<>();
        partner.path("defaultClientScopes").forEach(s -> scopes.add(s.asText()));
        partner.path("optionalClientScopes").forEach(s -> scopes.add(s.asText()));
        List<String> partnerScopes = List.of("users:read", "users:write", "schedules:read", "bookings:write", "webhooks:read",
                "webhooks:write", "scim");
        assertTrue(scopes.containsAll(partnerScopes), scopes.toString());
        for (String s : partnerScopes) {
            assertEquals("true", clientScope(s).path("attributes").path("include.in.token.scope").asText(), s + " appears in the scope claim");
        }
    }

    @Test
    @DisplayName("The demo organization's people: a super admin (owner), a manager, two members and a team user")
    void demoUsers() {
        List<String> people = new ArrayList<>();
        for (JsonNode u : realm.path("users")) {
            if (!u.has("serviceAccountClientId")) {
                assertTrue(u.path("emailVerified").asBoolean(), "sign-up needs a verified email");
                people.add(u.path("username").asText());
            }
        }
        assertEquals(List.of("owner@demo.kaigi.dev", "manager@demo.kaigi.dev", "member1@demo.kaigi.dev", "member2@demo.kaigi.dev",
                "team@demo.kaigi.dev"), people);
    }

    static String clientSecret(JsonNode realm, String clientId) {
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c.path("secret").asText();
            }
        }
        return fail("no client " + clientId);
    }

    private static JsonNode client(String clientId) {
        for (JsonNode c : realm.path("clients")) {
            if (c.path("clientId").asText().equals(clientId)) {
                return c;
            }
        }
        return fail("the realm has no client " + clientId);
    }

    private static JsonNode serviceAccount(String clientId) {
        for (JsonNode u : realm.path("users")) {
            if (u.path("serviceAccountClientId").asText().equals(clientId)) {
                return u;
            }
        }
        return fail("no service account for " + clientId);
    }

    private static JsonNode clientScope(String name) {
        for (JsonNode s : realm.path("clientScopes")) {
            if (s.path("name").asText().equals(name)) {
                return s;
            }
        }
        return fail("the realm has no client scope " + name);
    }
}
