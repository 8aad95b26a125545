package dev.kaigi.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person in a browser, following the link of Keycloak's set-password mail through Keycloak's own
 * pages: the link's confirmation page, then the update-password form. Cookies are sent back as a browser
 * sends them; redirects are followed while they stay at Keycloak (the last one leads to the frontend,
 * which the stack does not run).
 */
final class KeycloakPasswordPages {

    private static final Pattern ACTION_LINK = Pattern.compile("(https?://[^\\s\"<>]+/login-actions/action-token\\?[^\\s\"<>]+)");
    private static final Pattern FORM = Pattern.compile("<form[^>]*kc-passwd-update-form[^>]*>|<form[^>]*action=\"[^\"]*required-action[^\"]*\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern PROCEED = Pattern.compile("href=\"([^\"]*login-actions/[^\"]+)\"");

    private final HttpClient browser = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * The cookies Keycloak set, sent back on every request as a browser would. Not Java's CookieManager:
     * it keeps back cookies marked Secure on plain http, and Keycloak marks its session cookies so.
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String keycloak;

    KeycloakPasswordPages(String keycloakBaseUrl) {
        this.keycloak = keycloakBaseUrl;
    }

    /** The set-password link in a mail's text as the SMTP server kept it (quoted-printable, HTML part or not). */
    static String linkIn(String mail) {
        String text = mail.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=").replace("&amp;", "&");
        Matcher m = ACTION_LINK.matcher(text);
        if (!m.find()) {
            throw new AssertionError("no set-password link in the mail: " + mail);
        }
        return m.group(1);
    }

    /** Follows {@code link} and sets {@code password}; fails with the page it could not read. */
    void setPassword(String link, String password) throws IOException, InterruptedException {
        HttpResponse<String> page = get(link);
        for (int step = 0; step < 6; step++) {
            Matcher form = FORM.matcher(page.body());
            if (form.find()) {
                Matcher action = ACTION.matcher(form.group());
                if (!action.find()) {
                    throw new AssertionError("a password form without an action: " + form.group());
                }
                HttpResponse<String> done = post(unescape(action.group(1)), "password-new=" + encode(password)
                        + "&password-confirm=" + encode(password));
                if (done.statusCode() != 302 && !(done.statusCode() == 200 && !FORM.matcher(done.body()).find())) {
                    throw new AssertionError("Keycloak did not take the password: " + done.statusCode() + " " + done.body());
                }
                return;
            }
            Matcher proceed = PROCEED.matcher(page.body());
            if (!proceed.find()) {
                throw new AssertionError("neither a password form nor a link to proceed: " + page.statusCode() + " " + page.body());
            }
            page = get(unescape(proceed.group(1)));
        }
        throw new AssertionError("no password form after six pages: " + page.body());
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = send(withCookies(HttpRequest.newBuilder(URI.create(url))).GET().build());
        for (int hops = 0; hops < 5 && r.statusCode() / 100 == 3; hops++) {
            String next = URI.create(url).resolve(r.headers().firstValue("Location").orElseThrow()).toString();
            if (!next.startsWith(keycloak)) {
                return r;
            }
            url = next;
            r = send(withCookies(HttpRequest.newBuilder(URI.create(url))).GET().build());
        }
        return r;
    }

    private HttpResponse<String> post(String url, String form) throws IOException, InterruptedException {
        return send(withCookies(HttpRequest.newBuilder(URI.create(url))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; ")));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = browser.send(request, HttpResponse.BodyHandlers.ofString());
        for (String set : r.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return r;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#x3d;", "=").replace("&#61;", "=");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
