package dev.kaigi.integration.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Partner webhooks ({@code kaigi.webhooks.*}, HOOK-01 … HOOK-04). */
@ConfigMapping(prefix = "kaigi.webhooks")
public interface WebhookConfig {

    /** Whether subscriptions may name {@code http://} URLs (a local stack); otherwise HTTPS only. */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Whether URLs may resolve to loopback, private, link-local or metadata addresses (a local stack whose receiver
     * is on 127.0.0.1); otherwise they are refused at creation and at every delivery.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Private networks allowed although {@link #allowPrivateTargets()} is off, as CIDRs (e.g. {@code 127.0.0.1/32}). */
    Optional<List<String>> allowedPrivateNetworks();

    /**
     * The waits before each retry of a delivery that failed; after the last one it is given up. Each wait is
     * lengthened by a random 0–25 % so that retries of many deliveries spread out. The defaults add up to 31.6 hours.
     */
    @WithDefault("5s,1m,5m,30m,1h,2h,4h,8h,8h,8h")
    List<Duration> retryDelays();

    /** A subscription whose deliveries have all failed for this long is disabled and its OWNERs mailed. */
    @WithDefault("3d")
    Duration disableAfter();

    /** How long a delivery may take, connecting included, before it counts as failed. */
    @WithDefault("10s")
    Duration requestTimeout();

    @WithDefault("3s")
    Duration connectTimeout();

    /** The most deliveries of one subscription in flight at once, so a slow endpoint holds back only its own. */
    @WithDefault("8")
    int inFlightPerSubscription();

    /** How often each instance looks for due deliveries besides being woken by new ones: retries are this late at most. */
    @WithDefault("1s")
    Duration pollEvery();

    /** How long the previous secret still signs after a rotation when the request does not say. */
    @WithDefault("24h")
    Duration defaultRotationOverlap();
}
