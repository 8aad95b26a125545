package dev.kaigi.events.scheduling;

import java.util.UUID;

/**
 * The calendar identity of a booked meeting (MTG-01): one iCalendar UID for the booking's whole
 * life, and a SEQUENCE that every change (reschedule, reassignment, cancellation) raises, so that
 * a lead's calendar replaces the invitation it holds instead of adding another.
 */
public final class MeetingCalendar {

    private MeetingCalendar() {
    }

    /** The UID of {@code bookingId}'s invitations: stable, and unique across deployments' domains. */
    public static String uid(UUID bookingId) {
        return "booking-" + bookingId + "@kaigi.dev";
    }
}
