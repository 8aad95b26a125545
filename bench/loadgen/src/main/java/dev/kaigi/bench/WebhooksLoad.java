package dev.kaigi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Partner webhooks: a meeting-booked event on the broker → integration-service's signed delivery acknowledged by the
 * stack's webhook receiver (the provider simulators' {@code /simulator/webhooks/NAME}, which verifies every signature
 * with the Standard Webhooks reference library and records when each arrived). An OWNER subscribes the receiver
 * {@code live} through the service's API and registers the secret the answer carries.
 *
 * <p>Three phases, on one subscription: events at {@code --rate}/s, an open model (each sent when due, whatever the
 * service does), for {@code --warmup} then {@code --duration} seconds; a burst of {@code --burst} events published as
 * fast as the producer goes, for the delivery rate at saturation; and the open-model run again with a second
 * subscription beside it whose receiver holds every request past the sender's timeout (a dead partner): first on the
 * live receiver's host and port, then (that one deleted) under another host name, as another partner's server. The clock
 * of an event starts when it is handed to the producer and stops at the receiver's {@code receivedAt}, read from the
 * same machine's wall clock (loopback). Every event must arrive verified, once: no missing, no duplicate.
 *
 * <p>The organization and its hosts arrive first as user-service's events; the hosts are DEACTIVATED and the leads
 * erased, so integration-service's other consumer of the events (mails, Zoom, calendars) records each effect as
 * skipped and sends nothing: the figure is the webhook path's, not the mail server's.
 */
final class WebhooksLoad {

    static final double P99_TARGET_MS = 100;
    static final String LIVE = "live";
    static final String DEAD = "dead";
    static final String DEAD_ELSEWHERE = "dead-elsewhere";

    private final Args args;
    private final String baseUrl;
    private final String receivers;
    private final HttpClient http;
    /** Wall-clock microseconds at {@link #nano0}: turns the monotonic clock into the receiver's clock. */
    private final long epochMicros0;
    private final long nano0;
    // the live subscription and a token that reads its delivery log, for the causes of duplicates
    private String ownerToken;
    private String liveSubscription;

    WebhooksLoad(Args args) {
        this.args = args;
        this.baseUrl = args.get("base-url");
        this.receivers = args.get("receiver-url");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        Instant now = Instant.now();
        this.nano0 = System.nanoTime();
        this.epochMicros0 = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }

    int run() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        PrivateKey key = Tokens.privateKey(keys);
        int rate = args.integer("rate", 50);
        int warmup = args.integer("warmup", 10);
        int duration = args.integer("duration", 30);
        int burst = args.integer("burst", 2000);
        int hostCount = args.integer("hosts", 10);
        UUID org = UUID.randomUUID();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("question", "meeting-booked on the broker -> the partner's receiver verified and acknowledged the signed delivery; "
                + "p50/p95/p99/max at an open-model rate, the delivery rate of a burst, and the rate's p99 beside a dead subscription");
        out.put("rate_per_s", rate);
        out.put("warmup_s", warmup);
        out.put("duration_s", duration);
        out.put("burst_events", burst);
        out.put("p99_target_ms", P99_TARGET_MS);
        List<String> problems = new ArrayList<>();

        try (Db db = new Db(args);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("kafka"), ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0),
                     new StringSerializer(), new ByteArraySerializer())) {
            out.put("pg_version", db.version());
            List<UUID> hosts = prepare(producer, db, org, hostCount);
            String owner = Tokens.user(key, org, UUID.randomUUID(), List.of("owner"), Duration.ofHours(3));
            String live = subscribe(owner, LIVE, receivers);
            ownerToken = owner;
            liveSubscription = live;
            out.put("subscription", live);
            System.err.printf(Locale.ROOT, "bench: webhooks: subscription %s to the receiver '%s'; %d s warm-up and %d s at %d events/s%n",
                    live, LIVE, warmup, duration, rate);
            AtomicLong sendFailures = new AtomicLong();
            Events events = new Events(org, hosts);

            List<Sent> alone = openModel(producer, events, rate, warmup, duration, sendFailures);
            Map<String, Object> aloneFigures = measure("alone", alone, problems);
            out.put("alone", aloneFigures);

            List<Sent> burstSent = new ArrayList<>();
            for (int i = 0; i < burst; i++) {
                burstSent.add(send(producer, events, true, sendFailures));
            }
            producer.flush();
            out.put("saturation", measure("saturation", burstSent, problems));

            // a dead endpoint on the live one's host and port (two endpoints of one partner, or a hosting platform's)
            String dead = subscribe(owner, DEAD, receivers);
            call("PUT", receivers + "/simulator/webhook-receivers/" + DEAD + "/mode", null, "{\"mode\":\"timeout:120\"}", 200);
            List<Sent> beside = openModel(producer, events, rate, Math.min(warmup, 10), duration, sendFailures);
            Map<String, Object> besideFigures = measure("beside_dead", beside, problems);
            besideFigures.put("dead_receiver_requests", deliveries(DEAD, 0).path("total").asLong());
            out.put("beside_dead", besideFigures);
            call("DELETE", baseUrl + "/api/v1/webhook-subscriptions/" + dead, owner, null, 204);
            // the dead one's requests in flight end at the sender's timeout
            Thread.sleep(12_000);

            // the same, the dead endpoint under another host name: another partner's server
            String elsewhere = receivers.replace("127.0.0.1", "localhost");
            subscribe(owner, DEAD_ELSEWHERE, elsewhere);
            call("PUT", receivers + "/simulator/webhook-receivers/" + DEAD_ELSEWHERE + "/mode", null, "{\"mode\":\"timeout:120\"}", 200);
            List<Sent> besideElsewhere = openModel(producer, events, rate, Math.min(warmup, 10), duration, sendFailures);
            Map<String, Object> elsewhereFigures = measure("beside_dead_elsewhere", besideElsewhere, problems);
            elsewhereFigures.put("dead_receiver_requests", deliveries(DEAD_ELSEWHERE, 0).path("total").asLong());
            out.put("beside_dead_elsewhere", elsewhereFigures);

            double p99Alone = number(aloneFigures, "p99_ms");
            double p99Beside = number(besideFigures, "p99_ms");
            out.put("p99_ms", p99Alone);
            out.put("p99_ms_beside_dead", p99Beside);
            out.put("p99_ms_beside_dead_elsewhere", number(elsewhereFigures, "p99_ms"));
            out.put("meets_target", p99Alone <= P99_TARGET_MS);
            out.put("dead_neighbour_p99_ratio", p99Alone > 0 ? Latency.round(p99Beside / p99Alone, 2) : null);

            Map<String, Object> check = new LinkedHashMap<>();
            check.put("send_failures", sendFailures.get());
            if (sendFailures.get() != 0) {
                problems.add(sendFailures.get() + " events not acknowledged by the broker");
            }
            check.put("events_checked", alone.size() + burstSent.size() + beside.size() + besideElsewhere.size());
            check.put("ok", problems.isEmpty());
            check.put("problems", problems.size() > 10 ? problems.subList(0, 10) : problems);
            out.put("check", check);
        }
        Json.write(Path.of(args.get("out")), out);
        Map<?, ?> a = (Map<?, ?>) out.get("alone");
        System.err.printf(Locale.ROOT, "bench: webhooks: p50 %s / p95 %s / p99 %s / max %s ms at %d/s; saturation %s deliveries/s;"
                        + " p99 beside a dead subscription %s ms; check %s%n", a.get("p50_ms"), a.get("p95_ms"), a.get("p99_ms"),
                a.get("max_ms"), rate, ((Map<?, ?>) out.get("saturation")).get("deliveries_per_s"), out.get("p99_ms_beside_dead"),
                problems.isEmpty() ? "ok" : "FAILED " + problems);
        return problems.isEmpty() ? 0 : 1;
    }

    /** The organization and its hosts through user-service's events, as integration-service learns them. */
    private static List<UUID> prepare(KafkaProducer<String, byte[]> producer, Db db, UUID org, int hostCount) throws Exception {
        String domain = "bench-" + org.toString().substring(0, 8) + ".test";
        publish(producer, "kaigi.user.organization-created.v1", org.toString(), org, Map.of("orgId", org, "name", "Bench Org",
                "superAdminUserId", UUID.randomUUID(), "superAdminEmail", "admin@" + domain, "timeZone", SchedulingDb.ZONE));
        List<UUID> hosts = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            UUID user = UUID.randomUUID();
            hosts.add(user);
            Map<String, Object> joined = new LinkedHashMap<>();
            joined.put("orgId", org);
            joined.put("userId", user);
            joined.put("email", "host-" + i + "@" + domain);
            joined.put("lastName", "Host");
            joined.put("firstName", "No" + i);
            joined.put("role", "MEMBER");
            joined.put("userType", "REGULAR");
            // gone: the meeting side effects tell such a host nothing (no mail, no Slack)
            joined.put("status", "DEACTIVATED");
            joined.put("joinedVia", "INVITATION_ACCEPTED");
            joined.put("slackMemberId", null);
            joined.put("zoomPersonalMeetingUrl", null);
            joined.put("emailSignature", "Host No" + i);
            publish(producer, "kaigi.user.joined.v1", user.toString(), org, joined);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (db.count("select count(*) from user_profile where org_id = ? and email is not null", org) < hostCount) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the hosts did not reach integration-service's read model in 120 s");
            }
            Thread.sleep(100);
        }
        return hosts;
    }

    /** Subscribes the receiver {@code name}, reached at {@code base}, to meeting-booked as the OWNER and hands it the secret. */
    private String subscribe(String owner, String name, String base) throws Exception {
        String url = base + "/simulator/webhooks/" + name;
        JsonNode created = Json.MAPPER.readTree(call("POST", baseUrl + "/api/v1/webhook-subscriptions", owner,
                Json.string(Map.of("url", url, "eventTypes", List.of("meeting.booked"), "description", "bench " + name,
                        "enabled", true)), 201));
        call("PUT", receivers + "/simulator/webhook-receivers/" + name, null,
                Json.string(Map.of("secret", created.path("secret").asText())), 200);
        return created.path("id").asText();
    }

    /** Events at {@code rate}/s for warm-up plus duration seconds, each sent when due; the warm-up's are not measured. */
    private List<Sent> openModel(KafkaProducer<String, byte[]> producer, Events events, int rate, int warmup, int duration,
                                 AtomicLong failures) throws InterruptedException {
        List<Sent> sent = new ArrayList<>();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long measuredFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long total = (long) rate * (warmup + duration);
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            ServiceLoad.sleepUntil(due);
            sent.add(send(producer, events, due >= measuredFrom, failures));
        }
        producer.flush();
        return sent;
    }

    private Sent send(KafkaProducer<String, byte[]> producer, Events events, boolean measured, AtomicLong failures) {
        ProducerRecord<String, byte[]> record = events.next();
        Sent s = new Sent(events.lastBooking, System.nanoTime(), measured);
        producer.send(record, (md, e) -> {
            s.ack = System.nanoTime();
            if (e != null) {
                failures.incrementAndGet();
            }
        });
        return s;
    }

    /**
     * Waits until every event of the phase reached the live receiver (or the drain timeout), then reads its log: the
     * latency of the measured events, the delivery rate over the whole phase, and what is missing or twice there.
     */
    private Map<String, Object> measure(String phase, List<Sent> sent, List<String> problems) throws Exception {
        Map<String, Sent> bySubject = new HashMap<>();
        sent.forEach(s -> bySubject.put(s.booking.toString(), s));
        Map<String, List<JsonNode>> arrived = new HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.integer("drain-timeout", 120));
        int offset = 0;
        while (true) {
            JsonNode page = deliveries(LIVE, offset);
            for (JsonNode d : page.path("deliveries")) {
                String subject = d.path("subject").asText();
                if (bySubject.containsKey(subject)) {
                    arrived.computeIfAbsent(subject, k -> new ArrayList<>()).add(d);
                }
            }
            offset += page.path("deliveries").size();
            boolean all = bySubject.keySet().stream().allMatch(k -> arrived.getOrDefault(k, List.of()).stream()
                    .anyMatch(d -> d.path("status").asInt() / 100 == 2));
            if (all || System.nanoTime() > deadline) {
                break;
            }
            if (page.path("deliveries").size() == 0) {
                Thread.sleep(50);
            }
        }
        // a late duplicate (a retry after a lost answer, a redelivery) would show up now
        Thread.sleep(args.integer("settle-ms", 2000));
        JsonNode late = deliveries(LIVE, offset);
        for (JsonNode d : late.path("deliveries")) {
            String subject = d.path("subject").asText();
            if (bySubject.containsKey(subject)) {
                arrived.computeIfAbsent(subject, k -> new ArrayList<>()).add(d);
            }
        }

        // beside a dead endpoint deliveries took minutes: wider than the other benchmarks' two
        Histogram fromSend = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        Histogram fromAck = new Histogram(TimeUnit.MINUTES.toMicros(30), 3);
        long missing = 0;
        long duplicates = 0;
        long unverified = 0;
        long retried = 0;
        long wrongType = 0;
        long firstSend = Long.MAX_VALUE;
        long lastReceived = Long.MIN_VALUE;
        List<Double> series = new ArrayList<>();
        List<String> duplicateCauses = new ArrayList<>();
        for (Sent s : sent) {
            List<JsonNode> got = arrived.getOrDefault(s.booking.toString(), List.of());
            got.stream().filter(d -> d.path("duplicate").asBoolean()).limit(1)
                    .filter(d -> duplicateCauses.size() < 10)
                    .forEach(d -> duplicateCauses.add(whyAgain(d.path("webhookId").asText())));
            JsonNode acknowledged = got.stream().filter(d -> d.path("status").asInt() / 100 == 2).findFirst().orElse(null);
            unverified += got.stream().filter(d -> !d.path("verified").asBoolean()).count();
            duplicates += got.stream().filter(d -> d.path("duplicate").asBoolean()).count();
            retried += got.stream().filter(d -> d.path("attempt").asInt() > 1).count();
            wrongType += got.stream().filter(d -> !"meeting.booked".equals(d.path("type").asText())).count();
            if (got.stream().map(d -> d.path("webhookId").asText()).distinct().count() > 1) {
                duplicates++; // the same event under two webhook-ids: a partner could not tell it was one
            }
            if (acknowledged == null) {
                missing++;
                continue;
            }
            long received = micros(Instant.parse(acknowledged.path("receivedAt").asText()));
            long sendMicros = wallMicros(s.sentNanos);
            firstSend = Math.min(firstSend, sendMicros);
            lastReceived = Math.max(lastReceived, received);
            if (s.measured) {
                fromSend.recordValue(Math.max(1, received - sendMicros));
                if (s.ack != 0) {
                    fromAck.recordValue(Math.max(1, received - wallMicros(s.ack)));
                }
                series.add((received - sendMicros) / 1000.0);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>(Latency.summary(fromSend));
        m.put("p95_ms", Latency.ms(fromSend.getValueAtPercentile(95)));
        m.put("events", sent.size());
        m.put("measured", sent.stream().filter(s -> s.measured).count());
        if (lastReceived > firstSend) {
            m.put("deliveries_per_s", Latency.round((sent.size() - missing) / ((lastReceived - firstSend) / 1e6), 1));
            m.put("span_s", Latency.round((lastReceived - firstSend) / 1e6, 3));
        }
        m.put("from_broker_ack", Latency.summary(fromAck));
        m.put("latency_by_tenth_p50_ms", EffectsLoad.tenths(series));
        m.put("missing", missing);
        m.put("duplicates", duplicates);
        m.put("unverified", unverified);
        m.put("retried_deliveries", retried);
        m.put("duplicate_causes", duplicateCauses);
        if (missing != 0) {
            problems.add(phase + ": " + missing + " of " + sent.size() + " events never acknowledged by the receiver");
        }
        if (duplicates != 0) {
            problems.add(phase + ": " + duplicates + " duplicate deliveries");
        }
        if (unverified != 0) {
            problems.add(phase + ": " + unverified + " deliveries whose signature did not verify");
        }
        if (wrongType != 0) {
            problems.add(phase + ": " + wrongType + " deliveries not of type meeting.booked");
        }
        System.err.printf(Locale.ROOT, "bench: webhooks: %s: %d events, p50 %s / p99 %s ms, %s deliveries/s, missing %d, duplicates %d%n",
                phase, sent.size(), m.get("p50_ms"), m.get("p99_ms"), m.get("deliveries_per_s"), missing, duplicates);
        duplicateCauses.forEach(cause -> System.err.println("bench: webhooks: " + phase + ": sent again: " + cause));
        return m;
    }

    private JsonNode deliveries(String receiver, int offset) throws Exception {
        return Json.MAPPER.readTree(call("GET", receivers + "/simulator/webhooks/" + receiver + "/deliveries?limit=10000&offset=" + offset,
                null, null, 200));
    }

    private long wallMicros(long nanos) {
        return epochMicros0 + (nanos - nano0) / 1000;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
    }

    /** One meeting-booked event: its booking (the receiver's subject), when it was sent, when the broker had it. */
    private static final class Sent {
        final UUID booking;
        final long sentNanos;
        final boolean measured;
        volatile long ack;

        Sent(UUID booking, long sentNanos, boolean measured) {
            this.booking = booking;
            this.sentNanos = sentNanos;
            this.measured = measured;
        }
    }

    /** A fresh booking per event, hosts in turn, slots spread over the coming days; the lead is erased (no mail). */
    private static final class Events {
        private final UUID org;
        private final List<UUID> hosts;
        private final UUID meetingType = UUID.randomUUID();
        private final LocalDate firstDay = LocalDate.now(ZoneId.of(SchedulingDb.ZONE)).plusDays(2);
        private int n;
        UUID lastBooking;

        Events(UUID org, List<UUID> hosts) {
            this.org = org;
            this.hosts = hosts;
        }

        ProducerRecord<String, byte[]> next() {
            int i = n++;
            UUID host = hosts.get(i % hosts.size());
            UUID booking = UUID.randomUUID();
            lastBooking = booking;
            Instant startsAt = firstDay.plusDays(i / 160).atTime(9, 0).plusMinutes(30L * ((i / hosts.size()) % 18))
                    .atZone(ZoneId.of(SchedulingDb.ZONE)).toInstant();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("orgId", org);
            e.put("bookingId", booking);
            e.put("meetingTypeId", meetingType);
            e.put("meetingTypeName", "Bench webhooks");
            e.put("conferencingMethod", "ZOOM");
            e.put("startsAt", startsAt.toString());
            e.put("endsAt", startsAt.plusSeconds(1800).toString());
            e.put("hostTimeZone", SchedulingDb.ZONE);
            e.put("leadName", "erased");
            e.put("leadEmail", "erased");
            e.put("leadCompany", null);
            e.put("leadLocale", "en");
            e.put("leadTimeZone", SchedulingDb.ZONE);
            e.put("calendarUid", "booking-" + booking + "@kaigi.dev");
            e.put("sequence", 0);
            e.put("hostUserId", host);
            return PropagationLoad.cloudEvent(BenchBooking.TOPIC, "kaigi.scheduling.meeting-booked.v1", "/scheduling-service",
                    host.toString(), org, Json.string(e).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static double number(Map<String, Object> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * Why a delivery the receiver acknowledged was sent again, as the sender's delivery log tells it: each attempt's
     * status, error and latency.
     */
    private String whyAgain(String webhookId) {
        String hex = webhookId.replace("msg_", "");
        if (hex.length() != 32) {
            return webhookId + ": not a webhook-id of a delivery";
        }
        String id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
        try {
            JsonNode detail = Json.MAPPER.readTree(call("GET", baseUrl + "/api/v1/webhook-subscriptions/" + liveSubscription
                    + "/deliveries/" + id, ownerToken, null, 200));
            List<String> attempts = new ArrayList<>();
            for (JsonNode a : detail.path("attempts")) {
                attempts.add("attempt " + a.path("attempt").asInt() + " at " + a.path("startedAt").asText() + ": "
                        + (a.path("statusCode").isNull() || a.path("statusCode").isMissingNode() ? "no answer ("
                        + a.path("error").asText() + ")" : "HTTP " + a.path("statusCode").asInt()) + " after "
                        + a.path("latencyMillis").asLong() + " ms");
            }
            return webhookId + ": " + String.join("; ", attempts);
        } catch (Exception e) {
            return webhookId + ": its delivery log could not be read (" + e.getMessage() + ")";
        }
    }

    private String call(String method, String url, String token, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String type, String key, UUID org,
                                Map<String, Object> payload) throws Exception {
        producer.send(PropagationLoad.cloudEvent("kaigi.user.v1", type, "/user-service", key, org,
                Json.string(payload).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }
}
