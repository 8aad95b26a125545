package dev.kaigi.integration.meeting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code kaigi_side_effects_total}: the side effects recorded as done, skipped or failed, per provider (zoom,
 * calendar, mail, slack) and kind, so an alert can watch one provider's failures. Counted once per effect, when its
 * first record commits: a retried event that finds the record does not count it again.
 */
@ApplicationScoped
public class SideEffectMetrics {

    static final String RECORDED = "kaigi.side.effects";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public SideEffectMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void recorded(SideEffects.Kind kind, SideEffects.Outcome outcome) {
        counters.computeIfAbsent(kind + "/" + outcome, key -> Counter.builder(RECORDED)
                .description("Side effects of bookings and invitations, by the provider that did them and the outcome")
                .tag("provider", provider(kind)).tag("kind", lower(kind.name())).tag("outcome", lower(outcome.name()))
                .register(registry)).increment();
    }

    /** The system that carries out an effect of this kind. */
    static String provider(SideEffects.Kind kind) {
        return switch (kind) {
            case ZOOM_MEETING, ZOOM_UPDATE, ZOOM_DELETE -> "zoom";
            case CALENDAR_EVENT, CALENDAR_UPDATE, CALENDAR_DELETE -> "calendar";
            case SLACK_MENTION, SUBSCRIBER_SLACK -> "slack";
            case HOST_MAIL, PREVIOUS_HOST_MAIL, LEAD_MAIL, INVITATION_MAIL, ADMIN_ALERT, SUBSCRIBER_MAIL -> "mail";
        };
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
