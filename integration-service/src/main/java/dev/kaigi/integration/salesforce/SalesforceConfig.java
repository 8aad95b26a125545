package dev.kaigi.integration.salesforce;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.time.ZoneId;

/** Salesforce connected app, API and sync ({@code kaigi.salesforce.*}); the URLs point at a simulator in tests. */
@ConfigMapping(prefix = "kaigi.salesforce")
public interface SalesforceConfig {

    /** Authorization server: {@code /services/oauth2/authorize|token|revoke|userinfo}; a sandbox uses test.salesforce.com. */
    @WithDefault("https://login.salesforce.com")
    String loginUrl();

    String clientId();

    /** From the environment; never stored, never logged. */
    String clientSecret();

    /** The frontend page Salesforce sends the owner back to; it hands code and state to our API. */
    String redirectUri();

    /** What an {@code instance_url} must look like; anything else is refused as a garbled token answer. */
    String instanceUrlPattern();

    @WithDefault("v60.0")
    String apiVersion();

    /** When the daily sync runs (Quartz-style cron: second minute hour day month weekday), read by {@link SalesforceSyncJob}. */
    @WithDefault("0 0 6 * * ?")
    String syncCron();

    /** The zone {@link #syncCron()} is read in. */
    @WithDefault("Asia/Tokyo")
    ZoneId syncTimeZone();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("20s")
    Duration readTimeout();

    @WithDefault("5s")
    Duration maxRetryAfterWait();

    /**
     * Owner emails per aggregate query. Aggregate results cannot be paged (no queryMore, at most 2,000 groups)
     * and the query travels in the URL, so the organization's users are asked for in batches.
     */
    @WithDefault("100")
    int ownerBatchSize();
}
