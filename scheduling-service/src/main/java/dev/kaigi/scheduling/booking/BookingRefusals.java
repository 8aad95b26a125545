package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bookings answered 409, on /q/metrics: {@code kaigi_bookings_refused_total} by problem code
 * ({@code no-host-available}, {@code slot-unavailable}, {@code conflict}) and channel, and
 * {@code kaigi_bookings_host_refusals_total} by the reason each pool host was refused in a no-host-available answer
 * ({@code overlapping-meeting}, {@code outside-working-hours}, ...): what tells "the calendar is full" from "the hosts
 * were misconfigured".
 */
@ApplicationScoped
public class BookingRefusals {

    static final String REFUSED = "kaigi.bookings.refused";
    static final String HOST_REFUSALS = "kaigi.bookings.host.refusals";
    private static final String HOST_FIELD = "hosts[";

    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public BookingRefusals(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts {@code refusal} when it is a 409; other answers (400, 404) are the caller's mistakes, not refusals. */
    void count(BookingService.Channel channel, ProblemException refusal) {
        if (refusal.status() != 409) {
            return;
        }
        counter(REFUSED, "code", refusal.code(), "channel", channel.name().toLowerCase(Locale.ROOT)).increment();
        for (FieldViolation violation : refusal.violations()) {
            if (violation.field() != null && violation.field().startsWith(HOST_FIELD)) {
                counter(HOST_REFUSALS, "reason", violation.code()).increment();
            }
        }
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(List.of(name, String.join("/", tags)),
                key -> Counter.builder(name).tags(tags).register(registry));
    }
}
