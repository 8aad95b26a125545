package dev.kaigi.integration.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Kaigi's Slack app ({@code kaigi.slack.*}): the deployment's client registration, which every organization
 * installs into its own workspace (INT-10). The bot tokens are the installations', never configuration.
 */
@ConfigMapping(prefix = "kaigi.slack")
public interface SlackConfig {

    /** Slack's host for the authorize page ({@code /oauth/v2/authorize}) and the Web API ({@code /api/...}). */
    @WithDefault("https://slack.com")
    String apiUrl();

    String clientId();

    /** From the environment; never stored, never logged. */
    String clientSecret();

    /** The frontend page Slack sends the owner back to; it hands code and state to our API. */
    String redirectUri();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration readTimeout();

    @WithDefault("5s")
    Duration maxRetryAfterWait();
}
