package dev.kaigi.scheduling.availability;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.booking.BookingWindow;
import dev.kaigi.scheduling.eligibility.EligibilityPolicies;
import dev.kaigi.scheduling.eligibility.HostFacts;
import dev.kaigi.scheduling.eligibility.HostFactsLoader;
import dev.kaigi.scheduling.eligibility.Slot;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.MeetingType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SCH-09: the slots of a meeting type in which at least one pool host is eligible, judged by the
 * same policies as booking ({@link EligibilityPolicies}), after the minimum notice and within the
 * booking horizon. Everything is read in a fixed number of queries ({@link HostFactsLoader}) and
 * computed in memory; the rules about the host alone are asked once per host, not per slot.
 */
@ApplicationScoped
public class AvailabilityService {

    public static final int MAX_DAYS = 62;

    @Schema(name = "AvailableSlot", description = "Times in the requested zone, ISO-8601 with offset")
    public record SlotView(String start, String end) {
    }

    @Schema(name = "AvailabilityDay")
    public record DayView(LocalDate date, List<SlotView> slots) {
    }

    @Schema(name = "Availability", description = "Bookable slots by day, in the requested time zone; days without slots are left out")
    public record AvailabilityView(String timeZone, int durationMinutes, int slotStepMinutes, List<DayView> days) {
    }

    @Inject
    HostFactsLoader facts;

    /** 400 naming the field when the range is reversed or longer than {@link #MAX_DAYS} days. */
    public static void checkRange(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw ProblemException.invalidField("to", "range-reversed");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            throw ProblemException.invalidField("to", "range-too-long", MAX_DAYS);
        }
    }

    public AvailabilityView availability(BookableType bookable, LocalDate from, LocalDate to, ZoneId zone, Instant now) {
        checkRange(from, to);
        MeetingType type = bookable.type();
        Duration length = Duration.ofMinutes(type.durationMinutes);
        Duration before = Duration.ofMinutes(type.bufferBeforeMinutes);
        Duration after = Duration.ofMinutes(type.bufferAfterMinutes);
        Instant rangeStart = from.atStartOfDay(zone).toInstant();
        Instant rangeEnd = to.plusDays(1).atStartOfDay(zone).toInstant();
        Instant earliest = BookingWindow.earliest(type, now);
        Instant latest = BookingWindow.latest(type, now);

        List<HostFacts> usable = new ArrayList<>();
        if (rangeStart.isBefore(latest) && rangeEnd.isAfter(earliest)) {
            List<UUID> pool = bookable.pool();
            Slot any = new Slot(rangeStart, rangeStart.plus(length), before, after, type.conferencingMethod);
            for (HostFacts h : facts.load(type.orgId, bookable.factsVersion(), pool, rangeStart.minus(before), rangeEnd.plus(length).plus(after))) {
                if (EligibilityPolicies.firstReason(EligibilityPolicies.ABOUT_HOST, h, any).isEmpty()) {
                    usable.add(h);
                }
            }
        }
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        Map<LocalDate, List<SlotView>> byDay = new LinkedHashMap<>();
        Duration step = Duration.ofMinutes(type.slotStepMinutes);
        for (Instant s = rangeStart; s.isBefore(rangeEnd) && !usable.isEmpty(); s = s.plus(step)) {
            if (!s.isAfter(now) || s.isBefore(earliest) || s.isAfter(latest)) {
                continue;
            }
            Slot slot = new Slot(s, s.plus(length), before, after, type.conferencingMethod);
            for (HostFacts h : usable) {
                if (EligibilityPolicies.firstReason(EligibilityPolicies.ABOUT_TIME_VERDICT, h, slot).isEmpty()) {
                    var start = s.atZone(zone);
                    byDay.computeIfAbsent(start.toLocalDate(), d -> new ArrayList<>())
                            .add(new SlotView(iso.format(start), iso.format(slot.end().atZone(zone))));
                    break;
                }
            }
        }
        List<DayView> days = byDay.entrySet().stream().map(e -> new DayView(e.getKey(), e.getValue())).toList();
        return new AvailabilityView(zone.getId(), type.durationMinutes, type.slotStepMinutes, days);
    }
}
