package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may go (HOOK-01, HOOK-04): an absolute HTTPS URL (HTTP where the deployment allows it) without
 * credentials or fragment, whose host resolves only to addresses {@link AddressRules} allows. Checked when a
 * subscription is saved and again before every delivery, which then connects to the address it checked: a name
 * that resolves elsewhere since (DNS rebinding) reaches nothing it should not.
 */
@ApplicationScoped
public class WebhookTargets {

    static final int MAX_URL_LENGTH = 2000;

    private final WebhookConfig config;
    private final HostResolver resolver;
    private final AddressRules rules;

    @Inject
    public WebhookTargets(WebhookConfig config, HostResolver resolver) {
        this.config = config;
        this.resolver = resolver;
        this.rules = new AddressRules(config.allowPrivateTargets(), config.allowedPrivateNetworks().orElse(List.of()));
    }

    /** Where one delivery connects: the URL's parts and the address checked for it. */
    record Target(boolean tls, String host, int port, String pathAndQuery, InetAddress address) {
    }

    /** The URL as saved, or 400 naming {@code url} and why. */
    String check(String url) {
        try {
            return target(url).uri().toString();
        } catch (RefusedTarget refused) {
            throw ProblemException.invalidField("url", switch (refused.getMessage()) {
                case RefusedTarget.HTTP -> "webhook-url-not-https";
                case RefusedTarget.UNRESOLVED -> "webhook-url-unresolved";
                case RefusedTarget.ADDRESS -> "webhook-url-private";
                default -> "webhook-url-invalid";
            });
        }
    }

    /**
     * Resolves a saved URL for one delivery: the first address allowed, refused when the name now also resolves to
     * one that is not (rebinding is an attack, not a fallback).
     *
     * @throws RefusedTarget with the reason the delivery log shows
     */
    Target resolve(String url) throws RefusedTarget {
        return target(url).target();
    }

    private record Checked(URI uri, Target target) {
    }

    private Checked target(String url) throws RefusedTarget {
        URI uri = parse(url).orElseThrow(() -> new RefusedTarget(RefusedTarget.INVALID));
        boolean tls = "https".equals(uri.getScheme());
        if (!tls && !config.allowHttp()) {
            throw new RefusedTarget(RefusedTarget.HTTP);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedTarget(RefusedTarget.UNRESOLVED);
        }
        if (addresses.isEmpty() || !addresses.stream().allMatch(rules::allowed)) {
            throw new RefusedTarget(RefusedTarget.ADDRESS);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Checked(uri, new Target(tls, uri.getHost(), port, path, addresses.get(0)));
    }

    private static Optional<URI> parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null
                    || !(scheme.equals("https") || scheme.equals("http"))) {
                return Optional.empty();
            }
            return Optional.of(new URI(scheme, null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** A delivery's URL that may not be reached now; the message is the reason the delivery log shows. */
    static final class RefusedTarget extends Exception {
        static final String INVALID = "url-invalid";
        static final String HTTP = "http-refused";
        static final String UNRESOLVED = "host-unresolved";
        static final String ADDRESS = "address-refused";

        RefusedTarget(String reason) {
            super(reason, null, false, false);
        }
    }
}
