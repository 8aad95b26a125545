package dev.kaigi.integration.meeting;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCalendar;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.scheduling.MeetingReassigned;
import dev.kaigi.events.scheduling.MeetingRescheduled;
import dev.kaigi.events.user.LeadErased;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * One step of a booking's life as its side effects see it, whichever event told it: the meeting as it is after the
 * step, the host before it (when it changed hands) and the step's SEQUENCE. Fields an older producer's event lacks
 * fall back: the UID to {@link MeetingCalendar#uid}, the lead's zone to the host's, a missing sequence to
 * {@code null} (then {@link BookingSequences} places the step after what was applied).
 *
 * @param previousHostUserId the host before the step when it changed hands; null otherwise
 * @param previousStartsAt the start before a reschedule; null otherwise
 * @param reminderMinutesBefore when the lead is reminded (MTG-07); null when the event does not say (a cancellation)
 */
record MeetingChange(Step step, UUID orgId, UUID bookingId, Integer sequence, String calendarUid, UUID meetingTypeId,
                     String meetingTypeName, ConferencingMethod method, Instant startsAt, Instant endsAt,
                     UUID hostUserId, String hostTimeZone, UUID previousHostUserId, Instant previousStartsAt,
                     String leadName, String leadEmail, String leadCompany, String leadLocale, String leadTimeZone,
                     String reason, List<Integer> reminderMinutesBefore) {

    enum Step { BOOKED, RESCHEDULED, REASSIGNED, CANCELLED }

    /** {@code reason} of a cancellation no host of the pool could take over (MTG-05): the lead may book again. */
    static final String HOST_UNAVAILABLE = "host-unavailable";

    static MeetingChange of(MeetingBooked e) {
        return new MeetingChange(Step.BOOKED, e.orgId(), e.bookingId(), e.sequence() == null ? 0 : e.sequence(),
                uid(e.calendarUid(), e.bookingId()), e.meetingTypeId(), e.meetingTypeName(), e.conferencingMethod(),
                e.startsAt(), e.endsAt(), e.hostUserId(), e.hostTimeZone(), null, null, e.leadName(), e.leadEmail(),
                e.leadCompany(), e.leadLocale(), e.leadTimeZone(), null, e.reminderMinutesBefore());
    }

    static MeetingChange of(MeetingRescheduled e) {
        return new MeetingChange(Step.RESCHEDULED, e.orgId(), e.bookingId(), e.sequence(), uid(e.calendarUid(), e.bookingId()),
                e.meetingTypeId(), e.meetingTypeName(), e.conferencingMethod(), e.startsAt(), e.endsAt(), e.hostUserId(),
                e.hostTimeZone(), e.hostChanged() ? e.previousHostUserId() : null, e.previousStartsAt(), e.leadName(),
                e.leadEmail(), e.leadCompany(), e.leadLocale(), e.leadTimeZone(), e.reason(), e.reminderMinutesBefore());
    }

    static MeetingChange of(MeetingReassigned e) {
        return new MeetingChange(Step.REASSIGNED, e.orgId(), e.bookingId(), e.sequence(), uid(e.calendarUid(), e.bookingId()),
                e.meetingTypeId(), e.meetingTypeName(), e.conferencingMethod(), e.startsAt(), e.endsAt(), e.toHostUserId(),
                e.hostTimeZone(), e.fromHostUserId(), null, e.leadName(), e.leadEmail(), e.leadCompany(), e.leadLocale(),
                e.leadTimeZone(), e.reason().name(), e.reminderMinutesBefore());
    }

    static MeetingChange of(MeetingCancelled e) {
        return new MeetingChange(Step.CANCELLED, e.orgId(), e.bookingId(), e.sequence(), uid(e.calendarUid(), e.bookingId()),
                e.meetingTypeId(), e.meetingTypeName(), e.conferencingMethod(), e.startsAt(), e.endsAt(), e.hostUserId(),
                e.hostTimeZone(), null, null, e.leadName(), e.leadEmail(), e.leadCompany(), e.leadLocale(),
                e.leadTimeZone(), e.reason(), null);
    }

    /** The same step naming no lead: what it is about a lead erased since it was written (SEC-04). */
    MeetingChange erased() {
        return new MeetingChange(step, orgId, bookingId, sequence, calendarUid, meetingTypeId, meetingTypeName, method,
                startsAt, endsAt, hostUserId, hostTimeZone, previousHostUserId, previousStartsAt, LeadErased.ERASED,
                LeadErased.ERASED, null, leadLocale, null, null, reminderMinutesBefore);
    }

    /** Whether the lead was erased (SEC-04): nothing is sent to them, and nothing kept names them. */
    boolean leadErased() {
        return LeadErased.ERASED.equals(leadEmail);
    }

    /** The same step at the sequence it was applied at. */
    MeetingChange at(int applied) {
        return new MeetingChange(step, orgId, bookingId, applied, calendarUid, meetingTypeId, meetingTypeName, method,
                startsAt, endsAt, hostUserId, hostTimeZone, previousHostUserId, previousStartsAt, leadName, leadEmail,
                leadCompany, leadLocale, leadTimeZone, reason, reminderMinutesBefore);
    }

    boolean cancelled() {
        return step == Step.CANCELLED;
    }

    boolean hostChanged() {
        return previousHostUserId != null && !previousHostUserId.equals(hostUserId);
    }

    /** Whether the host hears of the meeting as a new one: it was booked for them or handed to them. */
    boolean newToHost() {
        return step == Step.BOOKED || hostChanged();
    }

    /**
     * The user whose Zoom account or calendar holds what an earlier step created; records from before accounts were
     * kept name none, and then it is the host the step took the meeting from, or its host.
     */
    UUID accountOf(SideEffects.Record r) {
        if (r.accountUserId() != null) {
            return r.accountUserId();
        }
        return previousHostUserId != null ? previousHostUserId : hostUserId;
    }

    /** The zone the lead's times are shown in: theirs when the event names a valid one, else the host's. */
    String leadZone() {
        if (leadTimeZone != null && !leadTimeZone.isBlank()) {
            try {
                return ZoneId.of(leadTimeZone).getId();
            } catch (DateTimeException e) {
                // an id this JVM does not know: the host's zone is still right, only less convenient
            }
        }
        return hostTimeZone;
    }

    /** The lead as shown to hosts and in calendars: the name and, if given, the company. */
    String lead() {
        return leadName + (leadCompany == null ? "" : " (" + leadCompany + ")");
    }

    private static String uid(String calendarUid, UUID bookingId) {
        return calendarUid == null || calendarUid.isBlank() ? MeetingCalendar.uid(bookingId) : calendarUid;
    }
}
