package dev.kaigi.events.scheduling;

/** How a meeting is held (SCH-06); ZOOM makes integration-service create the Zoom meeting (INT-01). */
public enum ConferencingMethod {
    ZOOM,
    GOOGLE_MEET,
    TEAMS,
    PHONE,
    IN_PERSON
}
