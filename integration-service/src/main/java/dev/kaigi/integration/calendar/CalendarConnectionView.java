package dev.kaigi.integration.calendar;

import dev.kaigi.integration.connection.OAuthConnection;
import dev.kaigi.integration.calendar.CalendarConnectionResource.CalendarChoice;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's calendar link as the API shows it (INT-04): the provider and the linked account's email, never a token.
 *
 * @param provider       the calendar's provider; only calendars, so a client's enum stays theirs as providers are added
 * @param relinkRequired the provider no longer accepts the link: link again
 * @param busyTimesReadAt when the busy times were last read and published
 */
public record CalendarConnectionView(UUID userId, CalendarChoice provider, String accountEmail, Instant linkedAt,
                                     boolean relinkRequired, Instant busyTimesReadAt) {

    static CalendarConnectionView of(OAuthConnection c) {
        return new CalendarConnectionView(c.userId, CalendarChoice.valueOf(c.provider.name()), c.accountEmail, c.linkedAt, c.relinkRequired,
                "ok".equals(c.lastSyncOutcome) ? c.lastSyncedAt : null);
    }
}
