package dev.kaigi.scheduling.booking;

import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.scheduling.MeetingReassigned;
import dev.kaigi.events.scheduling.ReassignmentReason;

import java.util.UUID;

/** The events a booking's life announces (EVT-01), each with the whole meeting, from the booking as it is now. */
final class BookingEvents {

    private BookingEvents() {
    }

    static MeetingBooked booked(Booking b) {
        return new MeetingBooked(b.orgId, b.id, b.meetingTypeId, b.meetingTypeName, b.hostUserId, b.startsAt,
                b.endsAt, b.hostTimeZone, b.conferencingMethod, b.leadName, b.leadEmail, b.leadCompany, b.leadLocale);
    }

    static MeetingCancelled cancelled(Booking b, String reason) {
        return new MeetingCancelled(b.orgId, b.id, b.hostUserId, b.meetingTypeName, b.conferencingMethod, b.startsAt,
                b.endsAt, b.hostTimeZone, b.leadName, b.leadEmail, b.leadCompany, b.leadLocale, reason);
    }

    /** After {@code b} moved from {@code previousHost} to its current host. */
    static MeetingReassigned reassigned(Booking b, UUID previousHost, ReassignmentReason reason) {
        return new MeetingReassigned(b.orgId, b.id, previousHost, b.hostUserId, b.meetingTypeId, b.meetingTypeName,
                b.conferencingMethod, b.startsAt, b.endsAt, b.hostTimeZone, b.leadName, b.leadEmail, b.leadCompany,
                b.leadLocale, reason);
    }
}
