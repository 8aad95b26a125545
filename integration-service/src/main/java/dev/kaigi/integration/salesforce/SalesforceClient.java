package dev.kaigi.integration.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.LinkedAccount;
import dev.kaigi.integration.connection.OAuthProvider;
import dev.kaigi.integration.connection.OAuthTokens;
import dev.kaigi.integration.connection.Provider;
import dev.kaigi.integration.connection.ProviderSetup;
import dev.kaigi.integration.provider.LastProviderCalls;
import dev.kaigi.integration.provider.ProviderHttp;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.provider.ProviderUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Salesforce's OAuth 2.0 web server flow, the REST query resource and the sObject Collections update, in their
 * documented shapes. API
 * errors come as {@code [{"message", "errorCode"}]}: 401 {@code INVALID_SESSION_ID} is a stale token,
 * {@code REQUEST_LIMIT_EXCEEDED} (403) waits like a 429. Tokens are passed in and out, never logged.
 */
@ApplicationScoped
public class SalesforceClient implements OAuthProvider {

    static final String PROVIDER = "salesforce";

    private final SalesforceConfig config;
    private final ProviderHttp http;
    private final Pattern instanceUrl;

    @Inject
    public SalesforceClient(SalesforceConfig config, ObjectMapper json, LastProviderCalls lastCalls) {
        this.config = config;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), config.readTimeout(),
                config.maxRetryAfterWait(), json, lastCalls);
        this.instanceUrl = Pattern.compile(config.instanceUrlPattern());
    }

    @Override
    public Provider provider() {
        return Provider.SALESFORCE;
    }

    @Override
    public void requireConfigured() {
        ProviderSetup.requireConfigured(provider(), config.clientId(), "KAIGI_SALESFORCE_CLIENT_ID");
    }

    @Override
    public String authorizeUrl(String state) {
        return login() + "/services/oauth2/authorize?response_type=code&client_id=" + ProviderHttp.encode(config.clientId())
                + "&redirect_uri=" + ProviderHttp.encode(config.redirectUri()) + "&scope="
                + ProviderHttp.encode("api refresh_token") + "&state=" + ProviderHttp.encode(state);
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public OAuthTokens exchangeCode(String code) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", config.redirectUri()));
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public OAuthTokens refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** {@code GET /services/oauth2/userinfo}: the Salesforce organization and the user who granted access. */
    @Override
    @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = ProviderUnavailableException.class,
            abortOn = ProviderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public LinkedAccount account(OAuthTokens tokens) {
        JsonNode user = api(http.request(login() + "/services/oauth2/userinfo")
                .header("Authorization", "Bearer " + tokens.accessToken()).GET().build());
        String organization = user.path("organization_id").asText("");
        String email = user.path("email").asText("");
        if (organization.isBlank() || email.isBlank()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        return new LinkedAccount(organization, email);
    }

    /** {@code POST /services/oauth2/revoke}: revoking the refresh token ends the whole grant. */
    @Override
    public void revoke(String accessToken, String refreshToken) {
        String token = refreshToken != null ? refreshToken : accessToken;
        if (token != null) {
            http.send(http.request(login() + "/services/oauth2/revoke")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(ProviderHttp.formBody(Map.of("token", token))).build());
        }
    }

    /**
     * Open opportunities per owner email among {@code ownerEmails} (SCH-04), one aggregate query:
     * {@code SELECT Owner.Email, COUNT(Id) FROM Opportunity WHERE IsClosed = false AND Owner.Email IN (...)
     * GROUP BY Owner.Email}. Keys are lower-cased.
     */
    @Retry(maxRetries = 2, delay = 500, jitter = 100, retryOn = ProviderUnavailableException.class,
            abortOn = ProviderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public Map<String, Integer> openOpportunityCounts(ConnectionAccess.Token token, Collection<String> ownerEmails) {
        String soql = "SELECT Owner.Email, COUNT(Id) FROM Opportunity WHERE IsClosed = false AND Owner.Email IN ("
                + ownerEmails.stream().map(SalesforceClient::soqlString).collect(Collectors.joining(","))
                + ") GROUP BY Owner.Email";
        JsonNode answer = api(http.request(base(token.instanceUrl()) + "/services/data/" + config.apiVersion()
                        + "/query?q=" + ProviderHttp.encode(soql))
                .header("Authorization", "Bearer " + token.accessToken()).GET().build());
        JsonNode records = answer.path("records");
        if (!records.isArray() || !answer.path("done").asBoolean(false)) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode row : records) {
            JsonNode email = row.get("Email");
            JsonNode count = row.get("expr0");
            if (email == null || count == null || !count.canConvertToInt()) {
                throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
            }
            if (!email.isNull()) { // opportunities whose owner has no email cannot be matched to anyone
                counts.merge(email.asText().trim().toLowerCase(Locale.ROOT), count.asInt(), Integer::sum);
            }
        }
        return counts;
    }

    /** A Salesforce user: its 15- or 18-character id and email (lower-cased). */
    public record SalesforceUser(String id, String email) {
    }

    /** An open opportunity: its id and name. */
    public record Opportunity(String id, String name) {
    }

    /**
     * One record's outcome in an sObject Collections update: {@code success}, or Salesforce's errors
     * ({@code statusCode}, e.g. {@code INSUFFICIENT_ACCESS_OR_READONLY}, {@code message}, {@code fields}).
     */
    public record SaveResult(String id, boolean success, List<SaveError> errors) {
    }

    public record SaveError(String statusCode, String message, List<String> fields) {
    }

    /** The most records one sObject Collections request may carry. */
    public static final int COLLECTION_LIMIT = 200;

    private static final Pattern SALESFORCE_ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");

    /**
     * The active Salesforce users with one of {@code emails} (LIF-05): {@code SELECT Id, Email FROM User WHERE Email IN
     * (...) AND IsActive = true}, every page read.
     */
    @Retry(maxRetries = 2, delay = 500, jitter = 100, retryOn = ProviderUnavailableException.class,
            abortOn = ProviderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public List<SalesforceUser> activeUsers(ConnectionAccess.Token token, Collection<String> emails) {
        String soql = "SELECT Id, Email FROM User WHERE Email IN ("
                + emails.stream().map(SalesforceClient::soqlString).collect(Collectors.joining(",")) + ") AND IsActive = true";
        return query(token, soql, row -> new SalesforceUser(id(row), row.path("Email").asText("").trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * The open opportunities {@code ownerId} owns: {@code SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND
     * OwnerId = '...'}, following {@code nextRecordsUrl} to the last page.
     */
    @Retry(maxRetries = 2, delay = 500, jitter = 100, retryOn = ProviderUnavailableException.class,
            abortOn = ProviderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public List<Opportunity> openOpportunities(ConnectionAccess.Token token, String ownerId) {
        String soql = "SELECT Id, Name FROM Opportunity WHERE IsClosed = false AND OwnerId = " + soqlString(checkedId(ownerId));
        return query(token, soql, row -> new Opportunity(id(row), row.path("Name").asText("")));
    }

    /**
     * Makes {@code ownerId} the owner of the opportunities (at most {@link #COLLECTION_LIMIT}) with the sObject
     * Collections update, {@code allOrNone: false}: each record succeeds or fails on its own. Setting an owner again
     * changes nothing, so a retry is safe.
     */
    @Retry(maxRetries = 2, delay = 500, jitter = 100, retryOn = ProviderUnavailableException.class,
            abortOn = ProviderRejectedException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 10_000,
            failOn = ProviderUnavailableException.class, skipOn = ProviderRejectedException.class)
    public List<SaveResult> changeOwner(ConnectionAccess.Token token, List<String> opportunityIds, String ownerId) {
        if (opportunityIds.isEmpty() || opportunityIds.size() > COLLECTION_LIMIT) {
            throw new IllegalArgumentException("1 to " + COLLECTION_LIMIT + " records per request, not " + opportunityIds.size());
        }
        List<Map<String, Object>> records = opportunityIds.stream().<Map<String, Object>>map(id -> Map.of(
                "attributes", Map.of("type", "Opportunity"), "id", checkedId(id), "OwnerId", checkedId(ownerId))).toList();
        HttpRequest request = http.request(base(token.instanceUrl()) + "/services/data/" + config.apiVersion()
                        + "/composite/sobjects")
                .header("Authorization", "Bearer " + token.accessToken()).header("Content-Type", "application/json")
                .method("PATCH", http.jsonBody(Map.of("allOrNone", false, "records", records))).build();
        ProviderHttp.Answer answer = http.send(request);
        if (answer.status() != 200) {
            unwrap(answer);
        }
        JsonNode results = answer.array();
        if (results.size() != opportunityIds.size()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        List<SaveResult> saved = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            List<SaveError> errors = new ArrayList<>();
            for (JsonNode e : r.path("errors")) {
                List<String> fields = new ArrayList<>();
                e.path("fields").forEach(f -> fields.add(f.asText()));
                errors.add(new SaveError(e.path("statusCode").asText(null), e.path("message").asText(null), fields));
            }
            // a failed record's id is null in the answer: the answer is in the order of the request
            saved.add(new SaveResult(opportunityIds.get(i), r.path("success").asBoolean(false), errors));
        }
        return saved;
    }

    /** Runs a query and reads every page ({@code nextRecordsUrl}) of its records. */
    private <T> List<T> query(ConnectionAccess.Token token, String soql, java.util.function.Function<JsonNode, T> read) {
        String base = base(token.instanceUrl());
        String next = "/services/data/" + config.apiVersion() + "/query?q=" + ProviderHttp.encode(soql);
        List<T> all = new ArrayList<>();
        while (next != null) {
            if (!next.startsWith("/services/data/")) {
                throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer"); // only ever this instance
            }
            JsonNode page = api(http.request(base + next).header("Authorization", "Bearer " + token.accessToken()).GET().build());
            JsonNode records = page.path("records");
            if (!records.isArray()) {
                throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
            }
            records.forEach(row -> all.add(read.apply(row)));
            next = page.path("done").asBoolean(true) ? null : page.path("nextRecordsUrl").asText(null);
        }
        return all;
    }

    private static String id(JsonNode row) {
        String id = row.path("Id").asText("");
        if (!SALESFORCE_ID.matcher(id).matches()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        return id;
    }

    /** An id written into SOQL or a request: Salesforce's ids are 15 or 18 letters and digits, nothing else. */
    private static String checkedId(String id) {
        if (id == null || !SALESFORCE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a Salesforce id");
        }
        return id;
    }

    private void unwrap(ProviderHttp.Answer answer) {
        try {
            answer.ok();
        } catch (ProviderRejectedException refused) {
            if ("REQUEST_LIMIT_EXCEEDED".equals(refused.reason())) {
                throw new ProviderUnavailableException(PROVIDER, "API request limit exceeded");
            }
            throw refused;
        }
        throw new ProviderRejectedException(PROVIDER, answer.status(), "unreadable-answer");
    }

    /** A SOQL string literal: backslash and quote escaped, as the SOQL reference requires. */
    static String soqlString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private JsonNode api(HttpRequest request) {
        try {
            return http.send(request).ok();
        } catch (ProviderRejectedException refused) {
            if ("REQUEST_LIMIT_EXCEEDED".equals(refused.reason())) {
                throw new ProviderUnavailableException(PROVIDER, "API request limit exceeded");
            }
            throw refused;
        }
    }

    private OAuthTokens token(Map<String, String> grant) {
        OAuthTokens tokens = OAuthTokens.request(http, PROVIDER, login() + "/services/oauth2/token", config.clientId(),
                config.clientSecret(), grant);
        // every API call goes to the instance the token answer names: only a Salesforce host is believed
        if (tokens.instanceUrl() == null || !instanceUrl.matcher(base(tokens.instanceUrl())).matches()) {
            throw new ProviderRejectedException(PROVIDER, 200, "unreadable-answer");
        }
        return tokens;
    }

    private String login() {
        return base(config.loginUrl());
    }

    private static String base(String url) {
        return url.replaceAll("/+$", "");
    }
}
