package dev.kaigi.user.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.chassis.inbox.DependencyUnavailableException;
import dev.kaigi.user.security.ClientCredentialsGrant;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link IdentityDirectory} on the Keycloak admin REST API (realm {@code /admin/realms/{realm}}).
 * Accounts are found by the {@code uid} attribute, so our user id stays the link even if the
 * address changes; the username is the address. The realm's user profile must allow the
 * {@code org_id}, {@code uid} and {@code roles} attributes, which its token mappers read.
 * An unreachable Keycloak or a 5xx is {@link DependencyUnavailableException}: the event that asked
 * for the change is retried until Keycloak is back. A new account comes with Keycloak's mail to set
 * a password, so an invited person can sign in with credentials of their own.
 */
final class KeycloakDirectory implements IdentityDirectory {

    private static final Logger LOG = Logger.getLogger(KeycloakDirectory.class);
    private static final String UPDATE_PASSWORD = "UPDATE_PASSWORD";

    /** How long the link in the set-password mail works: as long as an invitation. */
    private static final Duration SETUP_LINK_LIFESPAN = Duration.ofDays(7);

    /**
     * Where the set-password mail's link leads after the password is set: the client whose pages the
     * person signs in on, and a redirect URI that client allows.
     */
    record PasswordSetup(String clientId, String redirectUri) {
    }

    private final URI admin;
    private final ClientCredentialsGrant credentials;
    private final ObjectMapper json;
    private final PasswordSetup setup;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    KeycloakDirectory(String baseUrl, String realm, ClientCredentialsGrant credentials, ObjectMapper json, PasswordSetup setup) {
        this.admin = URI.create(baseUrl.replaceAll("/+$", "") + "/admin/realms/" + realm + "/");
        this.credentials = credentials;
        this.json = json;
        this.setup = setup;
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public void save(IdentityAccount account) {
        ObjectNode representation = representation(account);
        Optional<String> id = find(account.userId());
        if (id.isPresent()) {
            expect(send("PUT", "users/" + id.get(), representation), 204, "update " + account.userId());
            return;
        }
        representation.putArray("requiredActions").add(UPDATE_PASSWORD);
        HttpResponse<String> created = send("POST", "users", representation);
        if (created.statusCode() == 409) {
            representation.remove("requiredActions"); // an account someone made already has its way to sign in
            // an account with this address exists without our id (made by hand, or before a lost answer): adopt it
            String existing = byEmail(account.email()).orElseThrow(() ->
                    new IllegalStateException("Keycloak refused " + account.userId() + " as a duplicate but has no account for its address"));
            expect(send("PUT", "users/" + existing, representation), 204, "adopt " + account.userId());
            return;
        }
        expect(created, 201, "create " + account.userId());
        created.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1))
                .ifPresent(accountId -> askToSetPassword(accountId, account.userId()));
    }

    /**
     * A new account has no password: Keycloak mails the person a link to its own page where they set one
     * (the required action stays until they do). A mail Keycloak cannot send is logged, not retried: the
     * account exists, and an admin can send the link again from Keycloak's console.
     */
    private void askToSetPassword(String id, UUID userId) {
        String query = "?client_id=" + encode(setup.clientId()) + "&redirect_uri=" + encode(setup.redirectUri())
                + "&lifespan=" + SETUP_LINK_LIFESPAN.toSeconds();
        try {
            HttpResponse<String> r = send("PUT", "users/" + id + "/execute-actions-email" + query,
                    json.createArrayNode().add(UPDATE_PASSWORD));
            if (r.statusCode() != 204) {
                LOG.warnf("Keycloak did not mail %s the link to set a password: %d %s", userId, r.statusCode(), r.body());
            }
        } catch (DependencyUnavailableException e) {
            LOG.warnf("Keycloak could not mail %s the link to set a password (is the realm's SMTP server set?): %s", userId, e.getMessage());
        }
    }

    @Override
    public void remove(UUID userId) {
        Optional<String> id = find(userId);
        if (id.isPresent()) {
            HttpResponse<String> r = send("DELETE", "users/" + id.get(), null);
            if (r.statusCode() != 404) {
                expect(r, 204, "delete " + userId);
            }
        }
    }

    @Override
    public Optional<String> currentEmail(UUID userId) {
        return search("users?briefRepresentation=false&q=" + encode("uid:" + userId))
                .filter(user -> hasUid(user, userId))
                .map(user -> user.path("email").asText(null));
    }

    private Optional<String> find(UUID userId) {
        return search("users?briefRepresentation=true&q=" + encode("uid:" + userId))
                .map(user -> user.get("id").asText());
    }

    private Optional<String> byEmail(String email) {
        return search("users?exact=true&email=" + encode(email)).map(user -> user.get("id").asText());
    }

    private Optional<JsonNode> search(String query) {
        HttpResponse<String> r = send("GET", query, null);
        expect(r, 200, "search");
        try {
            JsonNode users = json.readTree(r.body());
            return users.isArray() && !users.isEmpty() ? Optional.of(users.get(0)) : Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from Keycloak", e);
        }
    }

    private static boolean hasUid(JsonNode user, UUID userId) {
        JsonNode uid = user.path("attributes").path("uid");
        return !uid.isArray() || uid.isEmpty() || userId.toString().equals(uid.get(0).asText());
    }

    private ObjectNode representation(IdentityAccount a) {
        ObjectNode user = json.createObjectNode();
        user.put("username", a.email().toLowerCase(Locale.ROOT));
        user.put("email", a.email());
        user.put("emailVerified", true); // the address was verified by the invitation or sign-up
        user.put("firstName", a.firstName() == null ? "" : a.firstName());
        user.put("lastName", a.lastName());
        user.put("enabled", a.enabled());
        ObjectNode attributes = user.putObject("attributes");
        attributes.putArray("uid").add(a.userId().toString());
        attributes.putArray("org_id").add(a.orgId().toString());
        ArrayNode roles = attributes.putArray("roles");
        a.roles().forEach(roles::add);
        return user;
    }

    /** One call with the admin token; a 401 fetches a new token and tries once more. */
    private HttpResponse<String> send(String method, String path, JsonNode body) {
        HttpResponse<String> r = sendOnce(method, path, body);
        if (r.statusCode() == 401) {
            credentials.invalidate();
            r = sendOnce(method, path, body);
        }
        if (r.statusCode() >= 500) {
            throw new DependencyUnavailableException("Keycloak answered " + r.statusCode() + " to " + method + " " + path);
        }
        return r;
    }

    private HttpResponse<String> sendOnce(String method, String path, JsonNode body) {
        String token;
        try {
            token = credentials.token();
        } catch (IllegalStateException e) {
            throw new DependencyUnavailableException("no admin token from Keycloak", e);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(admin.resolve(path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DependencyUnavailableException("Keycloak unreachable at " + admin, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DependencyUnavailableException("interrupted while calling Keycloak", e);
        }
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            LOG.errorf("Keycloak refused to %s: %d %s", what, r.statusCode(), r.body());
            throw new IllegalStateException("Keycloak refused to " + what + ": " + r.statusCode());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
