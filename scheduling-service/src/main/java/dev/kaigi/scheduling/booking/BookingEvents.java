package dev.kaigi.scheduling.booking;

import dev.kaigi.events.scheduling.MeetingActor;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCalendar;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.scheduling.MeetingReassigned;
import dev.kaigi.events.scheduling.MeetingRescheduled;
import dev.kaigi.events.scheduling.ReassignmentReason;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The events a booking's life announces (EVT-01, MTG-01), each with the whole meeting as it is
 * now, its calendar UID and the invitation's SEQUENCE, so that integration-service can update the
 * world without asking back.
 */
final class BookingEvents {

    private BookingEvents() {
    }

    static MeetingBooked booked(Booking b) {
        return new MeetingBooked(b.orgId, b.id, b.meetingTypeId, b.meetingTypeName, b.hostUserId, b.startsAt,
                b.endsAt, b.hostTimeZone, b.conferencingMethod, b.leadName, b.leadEmail, b.leadCompany, b.leadLocale,
                b.leadTimeZone, MeetingCalendar.uid(b.id), b.sequence, reminders(b));
    }

    static MeetingCancelled cancelled(Booking b, String reason, MeetingActor actor) {
        return new MeetingCancelled(b.orgId, b.id, b.hostUserId, b.meetingTypeName, b.conferencingMethod, b.startsAt,
                b.endsAt, b.hostTimeZone, b.leadName, b.leadEmail, b.leadCompany, b.leadLocale, reason, b.meetingTypeId,
                b.leadTimeZone, MeetingCalendar.uid(b.id), b.sequence, actor);
    }

    /** After {@code b} moved from {@code previousHost} to its current host. */
    static MeetingReassigned reassigned(Booking b, UUID previousHost, ReassignmentReason reason, MeetingActor actor) {
        return new MeetingReassigned(b.orgId, b.id, previousHost, b.hostUserId, b.meetingTypeId, b.meetingTypeName,
                b.conferencingMethod, b.startsAt, b.endsAt, b.hostTimeZone, b.leadName, b.leadEmail, b.leadCompany,
                b.leadLocale, reason, b.leadTimeZone, MeetingCalendar.uid(b.id), b.sequence, actor, reminders(b));
    }

    /** After {@code b} moved from {@code before}'s start and host to its current ones. */
    static MeetingRescheduled rescheduled(Booking before, Booking b, MeetingActor actor, String reason) {
        return new MeetingRescheduled(b.orgId, b.id, b.meetingTypeId, b.meetingTypeName, b.conferencingMethod,
                before.startsAt, before.endsAt, before.hostUserId, b.startsAt, b.endsAt, b.hostUserId, b.hostTimeZone,
                b.leadName, b.leadEmail, b.leadCompany, b.leadLocale, b.leadTimeZone, MeetingCalendar.uid(b.id),
                b.sequence, actor, reason, reminders(b));
    }

    private static List<Integer> reminders(Booking b) {
        return Arrays.stream(b.reminderMinutesBefore).boxed().toList();
    }
}
