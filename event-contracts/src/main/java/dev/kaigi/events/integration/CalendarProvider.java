package dev.kaigi.events.integration;

/** The calendar service a user connected (INT-04). */
public enum CalendarProvider {
    GOOGLE,
    MICROSOFT
}
