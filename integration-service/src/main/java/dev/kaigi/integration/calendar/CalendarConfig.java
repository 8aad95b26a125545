package dev.kaigi.integration.calendar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Google Calendar and Microsoft Graph apps, busy-time reads ({@code kaigi.calendar.*}); URLs point at simulators in tests. */
@ConfigMapping(prefix = "kaigi.calendar")
public interface CalendarConfig {

    /** The frontend page both providers send the user back to; it hands code and state to our API. */
    String redirectUri();

    Google google();

    Microsoft microsoft();

    /** How far ahead busy times are read and published (SCH-07 looks no further for bookings). */
    @WithDefault("P14D")
    Duration busyWindow();

    /** How often the connected calendars' busy times are read ({@link CalendarBusySyncJob}); {@code off} disables it. */
    @WithDefault("15m")
    String busySyncEvery();

    @WithDefault("2s")
    Duration connectTimeout();

    @WithDefault("10s")
    Duration readTimeout();

    @WithDefault("5s")
    Duration maxRetryAfterWait();

    interface Google {
        /** {@code /o/oauth2/v2/auth} */
        @WithDefault("https://accounts.google.com")
        String authUrl();

        /** {@code /token}, {@code /revoke} */
        @WithDefault("https://oauth2.googleapis.com")
        String tokenUrl();

        /** {@code /oauth2/v3/userinfo}, {@code /calendar/v3/freeBusy}, {@code /calendar/v3/calendars/primary/events} */
        @WithDefault("https://www.googleapis.com")
        String apiUrl();

        @WithDefault("not-configured")
        String clientId();

        @WithDefault("not-configured")
        String clientSecret();

        /** Calendars per {@code freeBusy} request; Google allows 50. */
        @WithDefault("50")
        int freeBusyBatch();
    }

    interface Microsoft {
        /** {@code /{tenant}/oauth2/v2.0/authorize|token} */
        @WithDefault("https://login.microsoftonline.com")
        String loginUrl();

        @WithDefault("common")
        String tenant();

        /** {@code /v1.0/me}, {@code /v1.0/me/calendar/getSchedule}, {@code /v1.0/me/events} */
        @WithDefault("https://graph.microsoft.com")
        String graphUrl();

        @WithDefault("not-configured")
        String clientId();

        @WithDefault("not-configured")
        String clientSecret();

        /** Schedules per {@code getSchedule} request; Graph answers about 20 reliably. */
        @WithDefault("20")
        int scheduleBatch();
    }
}
