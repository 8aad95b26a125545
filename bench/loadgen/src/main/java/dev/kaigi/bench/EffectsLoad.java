package dev.kaigi.bench;

import dev.kaigi.bench.ProviderSimulators.Step;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event propagation, second half: a booking's event on the broker ({@code meeting-booked}, {@code -rescheduled},
 * {@code -reassigned}, {@code -cancelled}) → all of its side effects at the providers (Zoom meeting created, moved
 * or deleted; calendar event written, moved or deleted; mails to the lead, the host and the previous host; Slack
 * mention), through integration-service's real clients against {@link ProviderSimulators}.
 *
 * <p>Preparation the way production gets there: the organization and its hosts arrive as user-service's
 * events ({@code organization-created}, {@code user-joined} with email and Slack member ID) through the
 * service's own consumer; an OWNER installs the Slack app (INT-10) and each host links Zoom and a calendar (Google for even, Microsoft for odd hosts)
 * through the service's OAuth endpoints against the simulators' token endpoints, so the tokens are
 * encrypted and stored by the service itself. Then the events of {@link BenchBooking}s, as scheduling-service's
 * relay publishes them. First the capacity: each step of {@code --capacity-bookings} bookings published at
 * {@code --capacity-rate} (above what the service serves) and drained, step after step; the completion rate is
 * the service's capacity. Then the measured lives at {@code --rate} events/s, an open model: each event is sent
 * when due, whatever the service does. The clock of a step starts when the broker acknowledges its event and stops
 * when the last of its side effects reached a simulator.
 */
final class EffectsLoad {

    static final double P99_TARGET_MS = 250;
    static final double CAPACITY_TARGET_PER_S = 30;

    private final Args args;
    private final List<String> hostEmails = new ArrayList<>();
    private final String baseUrl;
    private final HttpClient http;

    EffectsLoad(Args args) {
        this.args = args;
        this.baseUrl = args.get("base-url");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    int run() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        PrivateKey key = Tokens.privateKey(keys);
        int hostCount = args.integer("hosts", 20);
        int measured = args.integer("bookings", 100);
        int rate = args.integer("rate", 5);
        int warmupRate = args.integer("capacity-rate", 50);
        int capacityBookings = args.integer("capacity-bookings", 300);
        int stepLag = args.integer("step-lag", 3);
        UUID org = UUID.randomUUID();
        String domain = "bench-" + org.toString().substring(0, 8) + ".test";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("question", "a booking's event on the broker (booked, rescheduled, reassigned, cancelled) -> all its side effects at the "
                + "provider simulators; p50/p90/p99/max per step over the measured bookings; capacity: each step of many bookings "
                + "published faster than served, events/s completed");
        out.put("hosts", hostCount);
        out.put("rate_per_s", rate);
        out.put("capacity_rate_per_s", warmupRate);
        out.put("capacity_bookings", capacityBookings);
        out.put("bookings", measured);
        out.put("events", measured * 4);
        out.put("step_lag_rounds", stepLag);
        out.put("p99_target_ms", P99_TARGET_MS);
        out.put("capacity_target_per_s", CAPACITY_TARGET_PER_S);
        List<String> problems = new ArrayList<>();

        try (ProviderSimulators sims = new ProviderSimulators(args.integer("simulator-port", 18090), args.integer("smtp-port", 18025));
             Db db = new Db(args);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("kafka"), ProducerConfig.ACKS_CONFIG, "all",
                     ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 0),
                     new StringSerializer(), new ByteArraySerializer())) {
            out.put("pg_version", db.version());
            // ---------------------------------------------------------------- hosts, through user-service's events
            long prepStart = System.nanoTime();
            publish(producer, "kaigi.user.v1", "kaigi.user.organization-created.v1", "/user-service", org.toString(), org, Map.of(
                    "orgId", org, "name", "Bench Org", "superAdminUserId", UUID.randomUUID(), "superAdminEmail", "admin@" + domain,
                    "timeZone", SchedulingDb.ZONE));
            List<UUID> hosts = new ArrayList<>();
            for (int i = 0; i < hostCount; i++) {
                UUID user = UUID.randomUUID();
                String email = "host-" + i + "@" + domain;
                hosts.add(user);
                hostEmails.add(email);
                sims.host(user, email);
                Map<String, Object> joined = new LinkedHashMap<>();
                joined.put("orgId", org);
                joined.put("userId", user);
                joined.put("email", email);
                joined.put("lastName", "Host");
                joined.put("firstName", "No" + i);
                joined.put("role", "MEMBER");
                joined.put("userType", "REGULAR");
                joined.put("status", "ACTIVE");
                joined.put("joinedVia", "INVITATION_ACCEPTED");
                joined.put("slackMemberId", "U" + user.toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT));
                joined.put("zoomPersonalMeetingUrl", null);
                joined.put("emailSignature", "Host No" + i + "\nBench Org");
                publish(producer, "kaigi.user.v1", "kaigi.user.joined.v1", "/user-service", user.toString(), org, joined);
            }
            waitFor("the hosts in integration-service's read model", Duration.ofSeconds(120), () ->
                    db.count("select count(*) from user_profile where org_id = ? and status = 'ACTIVE' and email is not null", org) == hostCount
                            && db.count("select count(*) from organization where org_id = ?", org) == 1);
            // ---------------------------------------------------------------- Slack installed, Zoom and calendar linked, through the service's OAuth endpoints
            String owner = Tokens.user(key, org, UUID.randomUUID(), List.of("owner"), Duration.ofHours(3));
            String slackState = state(call("POST", "/api/v1/organization/slack-installation/authorization", owner, null, 200));
            call("PUT", "/api/v1/organization/slack-installation", owner,
                    "{\"code\":\"slack-code-" + org + "\",\"state\":\"" + slackState + "\"}", 200);
            for (int i = 0; i < hostCount; i++) {
                UUID user = hosts.get(i);
                String token = Tokens.user(key, org, user, List.of("member"), Duration.ofHours(3));
                String zoomState = state(call("POST", "/api/v1/users/" + user + "/zoom-connection/authorization", token, null, 200));
                call("PUT", "/api/v1/users/" + user + "/zoom-connection", token,
                        "{\"code\":\"zoom-code-" + user + "\",\"state\":\"" + zoomState + "\"}", 200);
                String provider = i % 2 == 0 ? "google" : "microsoft";
                String calState = state(call("POST", "/api/v1/users/" + user + "/calendar-connection/authorization", token,
                        "{\"provider\":\"" + provider.toUpperCase(Locale.ROOT) + "\"}", 200));
                call("PUT", "/api/v1/users/" + user + "/calendar-connection", token,
                        "{\"code\":\"" + provider + "-code-" + user + "\",\"state\":\"" + calState + "\"}", 200);
            }
            long zoomLinks = db.count("select count(*) from zoom_connection where org_id = ? and not relink_required", org);
            long calendarLinks = db.count("select count(*) from oauth_connection where org_id = ? and provider in ('GOOGLE', 'MICROSOFT')", org);
            if (zoomLinks != hostCount || calendarLinks != hostCount) {
                problems.add("links: " + zoomLinks + " Zoom, " + calendarLinks + " calendar, expected " + hostCount + " each");
            }
            out.put("preparation_s", Latency.round((System.nanoTime() - prepStart) / 1e9, 1));
            out.put("links", Map.of("zoom", zoomLinks, "calendar_google", hostCount - hostCount / 2, "calendar_microsoft", hostCount / 2));
            System.err.printf(Locale.ROOT, "bench: effects: %d hosts linked; capacity: %d bookings' steps at %d/s each, then %d bookings' lives at %d events/s%n",
                    hostCount, capacityBookings, warmupRate, measured, rate);

            // ---------------------------------------------------------------- capacity: each step of many bookings, faster than served
            ZoneId zone = ZoneId.of(SchedulingDb.ZONE);
            LocalDate firstDay = LocalDate.now(zone).plusDays(2);
            UUID meetingType = UUID.randomUUID();
            AtomicLong sendFailures = new AtomicLong();
            List<Sent> all = new ArrayList<>();
            List<BenchBooking> pool = new ArrayList<>();
            for (int i = 0; i < capacityBookings; i++) {
                pool.add(booking(org, meetingType, hosts, i, firstDay, zone));
            }
            Map<String, Object> capacity = new LinkedHashMap<>();
            long capacityEvents = 0;
            double capacitySeconds = 0;
            for (Step step : Step.values()) {
                List<Sent> phase = new ArrayList<>();
                long period = 1_000_000_000L / warmupRate;
                long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
                for (int i = 0; i < pool.size(); i++) {
                    ServiceLoad.sleepUntil(start + i * period);
                    phase.add(send(producer, sims, pool.get(i), start + i * period, sendFailures));
                }
                producer.flush();
                Map<String, Object> drained = drain(step, phase, args.integer("drain-timeout", 300));
                capacity.put(stepName(step), drained);
                if (drained.get("busy_s") instanceof Double busy) {
                    capacityEvents += ((Number) drained.get("completed")).longValue();
                    capacitySeconds += busy;
                }
                all.addAll(phase);
                Thread.sleep(500);
            }
            if (capacitySeconds > 0) {
                capacity.put("events_per_s", Latency.round(capacityEvents / capacitySeconds, 1));
                capacity.put("meets_target", capacityEvents / capacitySeconds >= CAPACITY_TARGET_PER_S);
            }
            out.put("capacity", capacity);
            Thread.sleep(1000);

            // ---------------------------------------------------------------- measured: every booking's life at a steady rate
            // A booking's steps are spaced by `step-lag` rounds of four events (booked, rescheduled, reassigned,
            // cancelled, each of another booking), so each step is done long before the next of the same booking.
            System.err.printf(Locale.ROOT, "bench: effects: measuring %d bookings x 4 steps at %d events/s%n", measured, rate);
            List<BenchBooking> lives = new ArrayList<>();
            for (int i = 0; i < measured; i++) {
                lives.add(booking(org, meetingType, hosts, capacityBookings + i, firstDay, zone));
            }
            Map<UUID, Sent> lastStep = new HashMap<>();
            List<Sent> sent = new ArrayList<>();
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            int earlySteps = 0;
            Map<String, Object> cpuUse;
            try (CpuSampler cpu = new CpuSampler()) {
                cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                        .track("loadgen", ProcessHandle.current().pid(), false).trackThreads("service", args.pid("service-pid")).start();
                for (int round = 0; round < measured + stepLag * 3; round++) {
                    for (int s = 0; s < 4; s++) {
                        int b = round - stepLag * s;
                        if (b < 0 || b >= measured) {
                            continue;
                        }
                        BenchBooking booking = lives.get(b);
                        Sent before = lastStep.get(booking.id);
                        if (before != null && !before.arrivals.complete()) {
                            earlySteps++;
                        }
                        long due = start + sent.size() * period;
                        ServiceLoad.sleepUntil(due);
                        Sent step = send(producer, sims, booking, due, sendFailures);
                        lastStep.put(booking.id, step);
                        sent.add(step);
                    }
                }
                producer.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.integer("drain-timeout", 180));
                while (System.nanoTime() < deadline && !sent.stream().allMatch(x -> x.arrivals.complete())) {
                    Thread.sleep(20);
                }
                cpuUse = cpu.stop();
            }
            all.addAll(sent);
            long lastSent = sent.get(sent.size() - 1).due;
            // late duplicates (a redelivery, a retry after a lost answer) would show up now
            Thread.sleep(args.integer("settle-ms", 3000));

            // ---------------------------------------------------------------- figures
            Histogram latency = Latency.newHistogram();
            Histogram fromDue = Latency.newHistogram();
            Histogram publish = Latency.newHistogram();
            Map<Step, Histogram> perStep = new EnumMap<>(Step.class);
            Map<Step, Map<ProviderSimulators.Kind, Histogram>> perEffect = new EnumMap<>(Step.class);
            for (Step step : Step.values()) {
                perStep.put(step, Latency.newHistogram());
                Map<ProviderSimulators.Kind, Histogram> effects = new EnumMap<>(ProviderSimulators.Kind.class);
                step.effects.forEach(k -> effects.put(k, Latency.newHistogram()));
                perEffect.put(step, effects);
            }
            int incomplete = 0;
            long firstAck = Long.MAX_VALUE;
            long lastDone = Long.MIN_VALUE;
            List<Double> series = new ArrayList<>();
            for (Sent x : sent) {
                if (!x.arrivals.complete() || x.ack == 0) {
                    incomplete++;
                    continue;
                }
                long done = x.arrivals.lastNanos();
                long micros = Math.max(1, (done - x.ack) / 1000);
                latency.recordValue(micros);
                perStep.get(x.step).recordValue(micros);
                fromDue.recordValue(Math.max(1, (done - x.due) / 1000));
                publish.recordValue(Math.max(1, (x.ack - x.due) / 1000));
                synchronized (x.arrivals) {
                    perEffect.get(x.step).forEach((k, h) -> h.recordValue(Math.max(1, (x.arrivals.firstNanos[k.ordinal()] - x.ack) / 1000)));
                }
                firstAck = Math.min(firstAck, x.ack);
                lastDone = Math.max(lastDone, done);
                series.add((done - x.ack) / 1e6);
            }
            out.put("latency", Latency.summary(latency));
            Map<String, Object> steps = new LinkedHashMap<>();
            boolean met = true;
            for (Step step : Step.values()) {
                Map<String, Object> m = new LinkedHashMap<>(Latency.summary(perStep.get(step)));
                boolean stepMet = perStep.get(step).getTotalCount() > 0
                        && perStep.get(step).getValueAtPercentile(99) / 1000.0 <= P99_TARGET_MS;
                m.put("meets_target", stepMet);
                met &= stepMet;
                Map<String, Object> effects = new LinkedHashMap<>();
                perEffect.get(step).forEach((k, h) -> effects.put(k.name().toLowerCase(Locale.ROOT), Latency.summary(h)));
                m.put("per_effect", effects);
                steps.put(stepName(step), m);
            }
            out.put("latency_per_step", steps);
            out.put("meets_target", met);
            out.put("latency_from_due", Latency.summary(fromDue));
            out.put("publish_ack", Latency.summary(publish));
            if (lastDone > firstAck) {
                out.put("completed_per_s", Latency.round((sent.size() - incomplete) / ((lastDone - firstAck) / 1e9), 1));
            }
            out.put("drain_after_last_send_ms", Latency.ms((lastDone - lastSent) / 1000.0));
            out.put("latency_by_tenth_p50_ms", tenths(series));
            out.put("simulator_calls", sims.calls());
            out.put("cpu", cpuUse);

            // ---------------------------------------------------------------- correctness
            Map<String, Object> check = new LinkedHashMap<>();
            List<ProviderSimulators.Arrivals> arrivals = all.stream().map(x -> x.arrivals).toList();
            Map<String, Object> atProviders = ProviderSimulators.summary(arrivals);
            check.put("at_providers", atProviders);
            for (var byStep : atProviders.entrySet()) {
                Map<?, ?> effects = (Map<?, ?>) byStep.getValue();
                long count = ((Number) effects.get("steps")).longValue();
                for (var e : effects.entrySet()) {
                    if (!(e.getValue() instanceof Map<?, ?> m)) {
                        continue;
                    }
                    String what = byStep.getKey() + " " + e.getKey();
                    if (m.containsKey("unexpected")) {
                        problems.add(what + ": " + m);
                    } else if (((Number) m.get("exactly_once")).longValue() != count) {
                        problems.add(what + ": " + m);
                    } else if (m.containsKey("without_zoom_join_url") && ((Number) m.get("without_zoom_join_url")).longValue() != 0) {
                        problems.add(what + " without the booking's Zoom join URL: " + m.get("without_zoom_join_url"));
                    }
                }
            }
            Map<String, Object> unmatched = new LinkedHashMap<>(sims.unmatched());
            check.put("unmatched_requests", unmatched);
            if (!unmatched.isEmpty()) {
                problems.add("requests for no booking of this run: " + unmatched);
            }
            Map<String, Long> recorded = db.counts("select kind || ' ' || outcome, count(*) from side_effect where org_id = ? group by 1", org);
            check.put("side_effect_rows", recorded);
            Map<ProviderSimulators.Kind, Long> expected = new EnumMap<>(ProviderSimulators.Kind.class);
            all.forEach(x -> x.step.effects.forEach(k -> expected.merge(k, 1L, Long::sum)));
            expected.forEach((kind, n) -> {
                long rows = recorded.getOrDefault(kind.name() + " DONE", 0L);
                if (rows != n) {
                    problems.add("side_effect " + kind + " DONE rows: " + rows + ", expected " + n);
                }
            });
            long other = recorded.entrySet().stream().filter(e -> !e.getKey().endsWith(" DONE")).mapToLong(Map.Entry::getValue).sum();
            if (other != 0) {
                problems.add(other + " side_effect rows not DONE: " + recorded);
            }
            check.put("events_checked", all.size());
            check.put("incomplete_measured", incomplete);
            check.put("steps_sent_before_the_previous_was_done", earlySteps);
            if (earlySteps != 0) {
                problems.add(earlySteps + " measured steps sent before the booking's previous step was done: raise --step-lag");
            }
            check.put("send_failures", sendFailures.get());
            if (sendFailures.get() != 0) {
                problems.add(sendFailures.get() + " events not acknowledged by the broker");
            }
            check.put("ok", problems.isEmpty());
            check.put("problems", problems.size() > 10 ? problems.subList(0, 10) : problems);
            out.put("check", check);
        }
        Json.write(Path.of(args.get("out")), out);
        Map<?, ?> l = (Map<?, ?>) out.get("latency");
        System.err.printf("bench: effects: p50 %s / p90 %s / p99 %s / max %s ms over %s events at %d/s; p99 per step %s; capacity %s events/s; check %s%n",
                l.get("p50_ms"), l.get("p90_ms"), l.get("p99_ms"), l.get("max_ms"), l.get("count"), rate, p99PerStep(out),
                ((Map<?, ?>) out.get("capacity")).get("events_per_s"), problems.isEmpty() ? "ok" : "FAILED " + problems);
        return problems.isEmpty() ? 0 : 1;
    }

    /**
     * Waits until every step of a capacity phase has all its side effects; how long that took and the rate at which
     * the service completed them (its capacity, when the phase's rate was above it and a backlog built up).
     */
    private static Map<String, Object> drain(Step step, List<Sent> phase, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline && !phase.stream().allMatch(x -> x.arrivals.complete())) {
            Thread.sleep(20);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        long complete = phase.stream().filter(x -> x.arrivals.complete()).count();
        long firstAck = Long.MAX_VALUE;
        long lastAck = Long.MIN_VALUE;
        long lastDone = Long.MIN_VALUE;
        Histogram h = Latency.newHistogram();
        for (Sent x : phase) {
            if (x.arrivals.complete() && x.ack != 0) {
                long done = x.arrivals.lastNanos();
                firstAck = Math.min(firstAck, x.ack);
                lastAck = Math.max(lastAck, x.ack);
                lastDone = Math.max(lastDone, done);
                h.recordValue(Math.max(1, (done - x.ack) / 1000));
            }
        }
        m.put("events", phase.size());
        m.put("completed", complete);
        if (complete > 0) {
            double busy = (lastDone - firstAck) / 1e9;
            m.put("busy_s", Latency.round(busy, 3));
            m.put("published_per_s", Latency.round(complete / Math.max(1e-9, (lastAck - firstAck) / 1e9), 1));
            m.put("completed_per_s", Latency.round(complete / busy, 1));
            m.put("drain_after_last_publish_ms", Latency.ms((lastDone - lastAck) / 1000.0));
            m.put("latency", Latency.summary(h));
        }
        System.err.printf(Locale.ROOT, "bench: effects: capacity, %s: %d of %d done, %s/s completed%n", stepName(step), complete,
                phase.size(), m.get("completed_per_s"));
        return m;
    }

    /** One event published: the step it took, what reached the simulators for it, when it was due and acknowledged. */
    private static final class Sent {
        final Step step;
        final ProviderSimulators.Arrivals arrivals;
        final long due;
        volatile long ack;

        Sent(Step step, ProviderSimulators.Arrivals arrivals, long due) {
            this.step = step;
            this.arrivals = arrivals;
            this.due = due;
        }
    }

    /** Publishes the booking's next step, after telling the simulators what it must set off. */
    private Sent send(KafkaProducer<String, byte[]> producer, ProviderSimulators sims, BenchBooking booking, long due,
                      AtomicLong failures) {
        Step step = booking.next();
        ProducerRecord<String, byte[]> record = booking.nextEvent();
        String previous = booking.previousHost() < 0 ? null : hostEmails.get(booking.previousHost());
        Sent sent = new Sent(step, sims.expect(booking.id, step, hostEmails.get(booking.host()), previous), due);
        producer.send(record, (md, e) -> {
            sent.ack = System.nanoTime();
            if (e != null) {
                failures.incrementAndGet();
            }
        });
        return sent;
    }

    /** The i-th booking of the run: hosts in turn, 18 half-hour slots a day, a day for each 160. */
    private static BenchBooking booking(UUID org, UUID meetingType, List<UUID> hosts, int i, LocalDate firstDay, ZoneId zone) {
        Instant startsAt = firstDay.plusDays(i / 160).atTime(9, 0).plusMinutes(30L * ((i / hosts.size()) % 18)).atZone(zone).toInstant();
        return new BenchBooking(org, meetingType, hosts, i % hosts.size(), startsAt, i % 2 == 0 ? "ja" : "en");
    }

    private static String stepName(Step step) {
        return step.name().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> p99PerStep(Map<String, Object> out) {
        Map<String, Object> p99 = new LinkedHashMap<>();
        if (out.get("latency_per_step") instanceof Map<?, ?> steps) {
            steps.forEach((k, v) -> p99.put((String) k, ((Map<?, ?>) v).get("p99_ms")));
        }
        return p99;
    }

    /** The median of each tenth of the measured bookings in sending order: a rising series means a growing backlog. */
    static List<Double> tenths(List<Double> series) {
        List<Double> out = new ArrayList<>();
        int n = series.size();
        for (int t = 0; t < 10 && n >= 10; t++) {
            List<Double> part = new ArrayList<>(series.subList(t * n / 10, (t + 1) * n / 10));
            part.sort(null);
            out.add(Latency.round(part.get(part.size() / 2), 1));
        }
        return out;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not there after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private String call(String method, String path, String token, String json, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The {@code state} parameter of the authorize URL an authorization answer carries. */
    private static String state(String answer) throws Exception {
        String url = Json.MAPPER.readTree(answer).path("authorizeUrl").asText();
        for (String p : URI.create(url).getRawQuery().split("&")) {
            if (p.startsWith("state=")) {
                return java.net.URLDecoder.decode(p.substring(6), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no state in " + url);
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String topic, String type, String source, String key,
                                UUID org, Map<String, Object> payload) throws Exception {
        producer.send(PropagationLoad.cloudEvent(topic, type, source, key, org, Json.string(payload).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
    }

}
