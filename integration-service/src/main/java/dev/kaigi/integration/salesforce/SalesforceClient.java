package dev.kaigi.integration.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.LinkedAccount;
import dev.kaigi.integration.connection.OAuthProvider;
import dev.kaigi.integration.connection.OAuthTokens;
import dev.kaigi.integration.connection.Provider;
import dev.kaigi.integration.connection.ProviderSetup;
import dev.kaigi.integration.provider.ProviderHttp;
import dev.kaigi.integration.provider.ProviderRejectedException;
import dev.kaigi.integration.provider.ProviderUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Salesforce's OAuth 2.0 web server flow and the REST query resource, in their documented shapes. API
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
    public SalesforceClient(SalesforceConfig config, ObjectMapper json) {
        this.config = config;
        this.http = new ProviderHttp(PROVIDER, config.connectTimeout(), config.readTimeout(),
                config.maxRetryAfterWait(), json);
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
