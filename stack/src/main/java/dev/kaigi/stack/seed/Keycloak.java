package dev.kaigi.stack.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * Tokens from the stack's Keycloak (realm {@code kaigi}, deploy/keycloak/kaigi-realm.json) and the one
 * admin change the demo needs: the partner client's organization.
 */
public final class Keycloak {

    public static final String FRONTEND_CLIENT = "kaigi-frontend";
    public static final String PARTNER_CLIENT = "kaigi-partner-demo";
    public static final String PARTNER_SECRET = "partner-demo-secret";
    public static final String DEMO_PASSWORD = "kaigi-demo";

    private final String baseUrl;

    public Keycloak(String baseUrl) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    public String tokenUrl() {
        return baseUrl + "/realms/kaigi/protocol/openid-connect/token";
    }

    /** A demo user's access token (password grant on the frontend client; browsers use the code flow with PKCE). */
    public String userToken(String username) {
        return token(Map.of("grant_type", "password", "client_id", FRONTEND_CLIENT, "username", username, "password", DEMO_PASSWORD));
    }

    /** A user's access token, signing in with their own password (password grant on the frontend client). */
    public String userToken(String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", FRONTEND_CLIENT, "username", username, "password", password));
    }

    /** A demo user's whole sign-in answer (scope openid): {@code access_token}, {@code id_token} and {@code refresh_token}. */
    public JsonNode signIn(String username) {
        return Api.form(tokenUrl(), Map.of("grant_type", "password", "client_id", FRONTEND_CLIENT, "username", username,
                "password", DEMO_PASSWORD, "scope", "openid")).expect(200).body();
    }

    public String partnerToken() {
        return token(Map.of("grant_type", "client_credentials", "client_id", PARTNER_CLIENT, "client_secret", PARTNER_SECRET));
    }

    /** Gives the partner client's service account the organization its tokens carry as {@code org_id}. */
    public void assignPartnerTo(String orgId, String adminUser, String adminPassword) {
        String admin = Api.form(baseUrl + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", adminUser, "password", adminPassword)).expect(200).body().path("access_token").asText();
        String users = baseUrl + "/admin/realms/kaigi/users";
        JsonNode account = Api.get(users + "?exact=true&username=service-account-" + PARTNER_CLIENT, admin).expect(200).body().path(0);
        ObjectNode user = (ObjectNode) Api.get(users + "/" + account.path("id").asText(), admin).expect(200).body();
        user.withObjectProperty("attributes").putArray("org_id").add(orgId);
        Api.put(users + "/" + account.path("id").asText(), admin, user).expect(204);
    }

    private String token(Map<String, String> form) {
        return Api.form(tokenUrl(), form).expect(200).body().path("access_token").asText();
    }

    /** The claims of a token (its payload, not verified: the services verify it). */
    public static JsonNode claims(String token) {
        try {
            return Api.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
