package dev.kaigi.integration.zoom;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Zoom OAuth app and API ({@code kaigi.zoom.*}); the base URLs point at a simulator in tests. */
@ConfigMapping(prefix = "kaigi.zoom")
public interface ZoomConfig {

    /** Authorization server: {@code /oauth/authorize}, {@code /oauth/token}, {@code /oauth/revoke}. */
    @WithDefault("https://zoom.us")
    String oauthUrl();

    /** REST API: {@code /v2/users/me}, {@code /v2/users/me/meetings}. */
    @WithDefault("https://api.zoom.us")
    String apiUrl();

    String clientId();

    /** From the environment; never stored, never logged. */
    String clientSecret();

    /** The frontend page Zoom sends the user back to; it hands code and state to our API. */
    String redirectUri();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration readTimeout();

    /** The longest a 429's {@code Retry-After} is waited in the calling thread before giving up for now. */
    @WithDefault("5s")
    Duration maxRetryAfterWait();

    /** How long a started authorization may take to come back. */
    @WithDefault("10m")
    Duration stateLifetime();

    /** An access token is refreshed when it expires within this margin. */
    @WithDefault("60s")
    Duration refreshMargin();
}
