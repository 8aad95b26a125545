package dev.kaigi.bench;

import dev.kaigi.bench.ProviderSimulators.Step;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One booking of the side-effects benchmark and its life: booked, moved a day later by its host, handed to the
 * next host, cancelled. Each step is the event scheduling-service's relay publishes for it (a CloudEvent in Kafka
 * binary mode keyed by the (new) host, with the payload's fields as {@code event-contracts} defines them), its
 * SEQUENCE raised by every change. The lead's name and address carry the booking id, so the simulators can tell
 * whose side effect they see.
 */
final class BenchBooking {

    static final String TOPIC = "kaigi.scheduling.v1";
    private static final String SOURCE = "/scheduling-service";

    final UUID id = UUID.randomUUID();
    private final UUID org;
    private final UUID meetingType;
    private final List<UUID> hosts;
    private final String leadLocale;
    private int host;
    private int previousHost = -1;
    private Instant startsAt;
    private int sequence;
    private Step next = Step.BOOKED;

    BenchBooking(UUID org, UUID meetingType, List<UUID> hosts, int host, Instant startsAt, String leadLocale) {
        this.org = org;
        this.meetingType = meetingType;
        this.hosts = hosts;
        this.host = host;
        this.startsAt = startsAt;
        this.leadLocale = leadLocale;
    }

    /** The step {@link #nextEvent} publishes; null once cancelled. */
    Step next() {
        return next;
    }

    int host() {
        return host;
    }

    /** The host before the step just taken, when it changed hands; -1 otherwise. */
    int previousHost() {
        return previousHost;
    }

    /** Takes the next step of the booking's life and returns its event. */
    ProducerRecord<String, byte[]> nextEvent() {
        Step step = next;
        ProducerRecord<String, byte[]> record = switch (step) {
            case BOOKED -> event("meeting-booked", booked());
            case RESCHEDULED -> event("meeting-rescheduled", rescheduled());
            case REASSIGNED -> event("meeting-reassigned", reassigned());
            case CANCELLED -> event("meeting-cancelled", cancelled());
        };
        next = step.ordinal() + 1 < Step.values().length ? Step.values()[step.ordinal() + 1] : null;
        return record;
    }

    private Map<String, Object> booked() {
        Map<String, Object> e = meeting();
        e.put("hostUserId", hosts.get(host));
        return e;
    }

    /** The host keeps it, a day later. */
    private Map<String, Object> rescheduled() {
        Instant previousStart = startsAt;
        Instant previousEnd = endsAt();
        startsAt = startsAt.plusSeconds(86_400);
        previousHost = -1;
        sequence++;
        Map<String, Object> e = meeting();
        e.put("previousStartsAt", previousStart.toString());
        e.put("previousEndsAt", previousEnd.toString());
        e.put("previousHostUserId", hosts.get(host));
        e.put("hostUserId", hosts.get(host));
        e.put("actor", "HOST");
        e.put("reason", "bench: moved a day");
        return e;
    }

    /** An administrator hands it to the next host of the pool. */
    private Map<String, Object> reassigned() {
        previousHost = host;
        host = (host + 1) % hosts.size();
        sequence++;
        Map<String, Object> e = meeting();
        e.put("fromHostUserId", hosts.get(previousHost));
        e.put("toHostUserId", hosts.get(host));
        e.put("reason", "MANUAL");
        e.put("actor", "ADMIN");
        return e;
    }

    /** The lead cancels. */
    private Map<String, Object> cancelled() {
        previousHost = -1;
        sequence++;
        Map<String, Object> e = meeting();
        e.put("hostUserId", hosts.get(host));
        e.put("reason", "bench: lead cancelled");
        e.put("actor", "LEAD");
        return e;
    }

    /** What every step's event tells of the meeting as it is after the step. */
    private Map<String, Object> meeting() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("orgId", org);
        e.put("bookingId", id);
        e.put("meetingTypeId", meetingType);
        e.put("meetingTypeName", "Bench demo");
        e.put("conferencingMethod", "ZOOM");
        e.put("startsAt", startsAt.toString());
        e.put("endsAt", endsAt().toString());
        e.put("hostTimeZone", SchedulingDb.ZONE);
        e.put("leadName", "Lead " + id);
        e.put("leadEmail", "lead-" + id + "@leads.bench.test");
        e.put("leadCompany", "Bench Company");
        e.put("leadLocale", leadLocale);
        e.put("leadTimeZone", SchedulingDb.ZONE);
        e.put("calendarUid", "booking-" + id + "@kaigi.dev");
        e.put("sequence", sequence);
        return e;
    }

    private Instant endsAt() {
        return startsAt.plusSeconds(1800);
    }

    private ProducerRecord<String, byte[]> event(String name, Map<String, Object> payload) {
        return PropagationLoad.cloudEvent(TOPIC, "kaigi.scheduling." + name + ".v1", SOURCE, hosts.get(host).toString(), org,
                Json.string(payload).getBytes(StandardCharsets.UTF_8));
    }
}
