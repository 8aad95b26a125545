package dev.kaigi.scheduling.eligibility;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.host.HostStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of SCH-07, one small named policy each, in the order the spec lists them. Booking,
 * availability and the eligibility explanation all judge with {@link #ALL}, so a slot shown is a
 * slot that can be booked. Times of day are read in the host's zone on the local date of the
 * meeting's start, so DST change days and zones far from UTC count on the host's own day (SCH-03).
 */
public final class EligibilityPolicies {

    /** A rule about the host at the slot's time (asked per slot by availability). */
    abstract static class TimePolicy implements EligibilityPolicy {
        @Override
        public final boolean dependsOnTime() {
            return true;
        }
    }

    /** LIF-01: only ACTIVE users host. */
    public static final class ActiveUserPolicy implements EligibilityPolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            return reject(host.status() != HostStatus.ACTIVE, Reason.INACTIVE);
        }
    }

    /** Team users cannot own records, so never host (001). */
    public static final class RegularUserPolicy implements EligibilityPolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            return reject(host.userType() != UserType.REGULAR, Reason.TEAM_USER);
        }
    }

    /** A connected calendar is required (000). */
    public static final class CalendarConnectedPolicy implements EligibilityPolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            return reject(!host.calendarLinked(), Reason.CALENDAR_NOT_CONNECTED);
        }
    }

    /** AVL-02: no part of the meeting in the host's time off. */
    public static final class TimeOffPolicy extends TimePolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            return reject(host.absences().overlaps(slot.start(), slot.end()), Reason.ABSENT);
        }
    }

    /** AVL-03: not on a closed day of the organization, in the host's zone, unless the host's override opens it (AVL-01). */
    public static final class HolidayPolicy extends TimePolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            HostFacts.HostDay day = host.dayAt(slot.start());
            return reject(day != null && day.holiday(), Reason.HOLIDAY);
        }
    }

    /** SCH-01, AVL-01: the whole meeting inside the working window of its start's local day, which must be enabled. */
    public static final class WorkingHoursPolicy extends TimePolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            HostFacts.HostDay day = host.dayAt(slot.start());
            return reject(day == null || day.open() == null || slot.start().isBefore(day.open())
                    || slot.end().isAfter(day.close()), Reason.OUTSIDE_WORKING_HOURS);
        }
    }

    /** SCH-01: no part of the meeting in a break of that day. */
    public static final class BreakPolicy extends TimePolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            HostFacts.HostDay day = host.dayAt(slot.start());
            if (day != null) {
                for (Instant[] b : day.breaks()) {
                    if (slot.start().isBefore(b[1]) && slot.end().isAfter(b[0])) {
                        return Optional.of(Reason.IN_BREAK);
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * No other Kaigi meeting (with both meetings' buffers, as the exclusion constraint sees them)
     * and no calendar busy time (with this meeting's buffers) shares time with the meeting.
     */
    public static final class NoOverlapPolicy extends TimePolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            return reject(host.taken().overlaps(slot.blockedFrom(), slot.blockedTo()), Reason.OVERLAPPING_MEETING);
        }
    }

    /** SCH-02, SCH-03: Kaigi meetings of the start's local day have not reached that weekday's cap. */
    public static final class DailyCapPolicy extends TimePolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            HostFacts.HostDay day = host.dayAt(slot.start());
            Integer cap = day == null || day.rules() == null ? null : day.rules().dailyCap();
            return reject(cap != null && host.bookedOn(day.date()) >= cap, Reason.DAILY_CAP_REACHED);
        }
    }

    /** SCH-04: open opportunities below the cap; before any sync there is nothing to compare. */
    public static final class OpportunityCapPolicy implements EligibilityPolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            return reject(host.opportunityCap() != null && host.openOpportunities() != null
                    && host.openOpportunities() >= host.opportunityCap(), Reason.OPPORTUNITY_CAP_REACHED);
        }
    }

    /** INT-01: a ZOOM meeting needs a linked Zoom account or a personal meeting URL (000). */
    public static final class ZoomConfiguredPolicy implements EligibilityPolicy {
        @Override
        public Optional<Reason> check(HostFacts host, Slot slot) {
            return reject(slot.method() == ConferencingMethod.ZOOM && !host.zoomLinked() && !host.zoomPersonalUrlPresent(),
                    Reason.ZOOM_NOT_CONFIGURED);
        }
    }

    private static final EligibilityPolicy WORKING_HOURS = new WorkingHoursPolicy();
    private static final EligibilityPolicy BREAK = new BreakPolicy();
    private static final EligibilityPolicy TIME_OFF = new TimeOffPolicy();
    private static final EligibilityPolicy NO_OVERLAP = new NoOverlapPolicy();
    private static final EligibilityPolicy DAILY_CAP = new DailyCapPolicy();

    /** Every rule, in the spec's order; time off and closed days before the hours they take away. */
    public static final List<EligibilityPolicy> ALL = List.of(new ActiveUserPolicy(), new RegularUserPolicy(),
            new CalendarConnectedPolicy(), TIME_OFF, new HolidayPolicy(), WORKING_HOURS, BREAK, NO_OVERLAP,
            DAILY_CAP, new OpportunityCapPolicy(), new ZoomConfiguredPolicy());

    /** The rules that judge the host alone: availability asks them once per host. */
    public static final List<EligibilityPolicy> ABOUT_HOST = ALL.stream().filter(p -> !p.dependsOnTime()).toList();

    /** The rules that judge the host at a time, in the spec's order. */
    public static final List<EligibilityPolicy> ABOUT_TIME = ALL.stream().filter(EligibilityPolicy::dependsOnTime).toList();

    /**
     * The same verdict as {@link #ABOUT_TIME}, for a question that needs no reason (availability asks it
     * per host and slot): the rule that refuses most slots first, and without the closed-day rule, since
     * a closed day has no working window ({@link HostFacts.HostDay}) and the hours rule refuses it too.
     */
    public static final List<EligibilityPolicy> ABOUT_TIME_VERDICT = List.of(WORKING_HOURS, BREAK, TIME_OFF, NO_OVERLAP, DAILY_CAP);

    private EligibilityPolicies() {
    }

    /** Every failed rule's reason, in order; empty = eligible. */
    public static List<Reason> reasons(HostFacts host, Slot slot) {
        List<Reason> found = new ArrayList<>(2);
        for (EligibilityPolicy p : ALL) {
            p.check(host, slot).ifPresent(found::add);
        }
        return found;
    }

    /** The first failed rule's reason, or empty when the host may take the slot. */
    public static Optional<Reason> firstReason(HostFacts host, Slot slot) {
        return firstReason(ALL, host, slot);
    }

    /** The first of {@code policies} that fails, or empty. */
    public static Optional<Reason> firstReason(List<EligibilityPolicy> policies, HostFacts host, Slot slot) {
        for (EligibilityPolicy p : policies) {
            Optional<Reason> r = p.check(host, slot);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static Optional<Reason> reject(boolean failed, Reason reason) {
        return failed ? Optional.of(reason) : Optional.empty();
    }
}
