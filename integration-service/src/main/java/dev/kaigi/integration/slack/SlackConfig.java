package dev.kaigi.integration.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The Slack app ({@code kaigi.slack.*}); without a bot token no Slack message is sent. */
@ConfigMapping(prefix = "kaigi.slack")
public interface SlackConfig {

    @WithDefault("https://slack.com")
    String apiUrl();

    /** The bot token ({@code xoxb-...}) from the environment; never stored, never logged. */
    Optional<String> botToken();

    /** Where mentions are posted; absent: to the host directly (the app's DM with them). */
    Optional<String> channel();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration readTimeout();

    @WithDefault("5s")
    Duration maxRetryAfterWait();
}
