package dev.kaigi.integration.calendar;

import dev.kaigi.events.integration.BusyInterval;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.OAuthProvider;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What Kaigi does with a linked calendar (INT-04): read busy times, write a booked meeting. */
public interface CalendarApi extends OAuthProvider {

    /** How many calendars one busy-time request may ask for. */
    int busyBatchSize();

    /**
     * Busy times of {@code calendars} (account emails) between {@code from} and {@code to}, read with one
     * account's token. A calendar the token may not read is absent from the answer.
     */
    Map<String, List<BusyInterval>> busy(ConnectionAccess.Token token, List<String> calendars, Instant from, Instant to);

    /** Writes the event in the token's primary calendar; returns the provider's event id. Repeating it writes nothing new. */
    String writeEvent(ConnectionAccess.Token token, CalendarEvent event);

    /** Changes the written event {@code eventId} to {@code event} (a reschedule); repeating it changes nothing more. */
    void updateEvent(ConnectionAccess.Token token, String eventId, CalendarEvent event);

    /** Deletes the written event {@code eventId}; an event already gone counts as deleted. */
    void deleteEvent(ConnectionAccess.Token token, String eventId);

    /**
     * A booked meeting as written into the host's calendar.
     *
     * @param key a stable id of the booking, which the providers use to refuse a second copy
     */
    record CalendarEvent(String key, String title, String description, String location, Instant start, Instant end,
                         String timeZone, String attendeeEmail, String attendeeName) {
    }
}
