package dev.kaigi.integration.calendar;

import dev.kaigi.integration.connection.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The calendar client of a calendar provider. */
@ApplicationScoped
public class CalendarApis {

    @Inject
    GoogleCalendarClient google;
    @Inject
    MicrosoftGraphClient microsoft;

    public CalendarApi of(Provider provider) {
        return switch (provider) {
            case GOOGLE -> google;
            case MICROSOFT -> microsoft;
            default -> throw new IllegalArgumentException(provider + " is not a calendar");
        };
    }
}
