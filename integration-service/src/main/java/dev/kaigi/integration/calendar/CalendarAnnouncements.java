package dev.kaigi.integration.calendar;

import dev.kaigi.events.integration.CalendarLinked;
import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.events.integration.CalendarUnlinked;
import dev.kaigi.integration.connection.OAuthConnection;

/** The events announcing a calendar link's changes (INT-04, SCH-07: a host needs a calendar). */
public final class CalendarAnnouncements {

    private CalendarAnnouncements() {
    }

    public static CalendarLinked linked(OAuthConnection c) {
        return new CalendarLinked(c.orgId, c.userId, CalendarProvider.valueOf(c.provider.name()), c.accountEmail);
    }

    public static CalendarUnlinked unlinked(OAuthConnection c) {
        return new CalendarUnlinked(c.orgId, c.userId, CalendarProvider.valueOf(c.provider.name()));
    }
}
