package dev.kaigi.bench;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event propagation, second half: {@code meeting-booked} on the broker → all of its side
 * effects at the providers (Zoom meeting created, calendar event written, mails to lead and host delivered,
 * Slack mention posted), through integration-service's real clients against {@link ProviderSimulators}.
 *
 * <p>Preparation the way production gets there: the organization and its hosts arrive as user-service's
 * events ({@code organization-created}, {@code user-joined} with email and Slack member ID) through the
 * service's own consumer; each host links Zoom and a calendar (Google for even, Microsoft for odd hosts)
 * through the service's OAuth endpoints against the simulators' token endpoints, so the tokens are
 * encrypted and stored by the service itself. Then {@code meeting-booked} events (CloudEvents in Kafka binary
 * mode, keyed by the host, as scheduling-service's relay publishes them) at a constant rate — an open
 * model: each is sent when due, whatever the service does. First a warm-up at {@code --warmup-rate}, drained
 * completely (its completion rate is the service's capacity when it falls behind), then the measured ones at
 * {@code --rate}. The
 * clock of a booking starts when the broker acknowledges its event and stops when the last of its five side
 * effects reached a simulator.
 */
final class EffectsLoad {

    private final Args args;
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
        int measured = args.integer("bookings", 400);
        int rate = args.integer("rate", 5);
        int warmupRate = args.integer("warmup-rate", 20);
        int warmupBookings = args.integer("warmup", 60) * warmupRate;
        int total = warmupBookings + measured;
        UUID org = UUID.randomUUID();
        String domain = "bench-" + org.toString().substring(0, 8) + ".test";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("question", "meeting-booked on the broker -> all side effects at the provider simulators (Zoom meeting, calendar event, "
                + "lead mail, host mail, Slack mention); p50/p90/p99/max over the measured bookings");
        out.put("hosts", hostCount);
        out.put("rate_per_s", rate);
        out.put("warmup_rate_per_s", warmupRate);
        out.put("warmup_bookings", warmupBookings);
        out.put("bookings", measured);
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
            // ---------------------------------------------------------------- Zoom and calendar links, through the service's OAuth endpoints
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
            System.err.printf(Locale.ROOT, "bench: effects: %d hosts linked; %d warm-up bookings at %d/s, then %d measured at %d/s%n",
                    hostCount, warmupBookings, warmupRate, measured, rate);

            // ---------------------------------------------------------------- bookings, open model
            List<UUID> bookingIds = new ArrayList<>(total);
            List<ProviderSimulators.Arrivals> arrivals = new ArrayList<>(total);
            long[] due = new long[total];
            long[] ack = new long[total];
            AtomicLong sendFailures = new AtomicLong();
            ZoneId zone = ZoneId.of(SchedulingDb.ZONE);
            LocalDate firstDay = LocalDate.now(zone).plusDays(2);
            UUID meetingType = UUID.randomUUID();
            long period = 1_000_000_000L / warmupRate;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            out.put("warmup", null);
            Map<String, Object> cpuUse = null;
            try (CpuSampler cpu = new CpuSampler()) {
                for (int i = 0; i < total; i++) {
                    UUID booking = UUID.randomUUID();
                    UUID host = hosts.get(i % hostCount);
                    bookingIds.add(booking);
                    arrivals.add(sims.expect(booking));
                    Instant startsAt = firstDay.plusDays(i / 160).atTime(9, 0).plusMinutes(30L * ((i / hostCount) % 18)).atZone(zone).toInstant();
                    Map<String, Object> booked = new LinkedHashMap<>();
                    booked.put("orgId", org);
                    booked.put("bookingId", booking);
                    booked.put("meetingTypeId", meetingType);
                    booked.put("meetingTypeName", "Bench demo");
                    booked.put("hostUserId", host);
                    booked.put("startsAt", startsAt.toString());
                    booked.put("endsAt", startsAt.plusSeconds(1800).toString());
                    booked.put("hostTimeZone", SchedulingDb.ZONE);
                    booked.put("conferencingMethod", "ZOOM");
                    booked.put("leadName", "Lead " + booking);
                    booked.put("leadEmail", "lead-" + booking + "@leads.bench.test");
                    booked.put("leadCompany", "Bench Company");
                    booked.put("leadLocale", i % 2 == 0 ? "ja" : "en");
                    ProducerRecord<String, byte[]> record = PropagationLoad.cloudEvent("kaigi.scheduling.v1", "kaigi.scheduling.meeting-booked.v1",
                            "/scheduling-service", host.toString(), org, Json.string(booked).getBytes(StandardCharsets.UTF_8));
                    if (i == warmupBookings) {
                        // the warm-up's backlog (if the service is slower than the rate) must not leak into the measured phase
                        producer.flush();
                        if (warmupBookings > 0) {
                            out.put("warmup", drain(arrivals.subList(0, warmupBookings), ack, args.integer("drain-timeout", 300)));
                        }
                        Thread.sleep(1000);
                        period = 1_000_000_000L / rate;
                        start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100) - i * period;
                    }
                    due[i] = start + i * period;
                    if (i == warmupBookings) {
                        ServiceLoad.sleepUntil(due[i]);
                        cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                                .track("loadgen", ProcessHandle.current().pid(), false).trackThreads("service", args.pid("service-pid")).start();
                        System.err.printf("bench: effects: warm-up sent, measuring %d bookings%n", measured);
                    }
                    ServiceLoad.sleepUntil(due[i]);
                    int n = i;
                    producer.send(record, (md, e) -> {
                        ack[n] = System.nanoTime();
                        if (e != null) {
                            sendFailures.incrementAndGet();
                        }
                    });
                }
                producer.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(args.integer("drain-timeout", 180));
                while (System.nanoTime() < deadline && !arrivals.stream().allMatch(ProviderSimulators.Arrivals::complete)) {
                    Thread.sleep(20);
                }
                cpuUse = cpu.stop();
            }
            long lastSent = due[total - 1];
            // late duplicates (a redelivery, a retry after a lost answer) would show up now
            Thread.sleep(args.integer("settle-ms", 3000));

            // ---------------------------------------------------------------- figures
            Histogram latency = Latency.newHistogram();
            Histogram fromDue = Latency.newHistogram();
            Histogram publish = Latency.newHistogram();
            Map<ProviderSimulators.Kind, Histogram> perKind = new LinkedHashMap<>();
            for (ProviderSimulators.Kind k : ProviderSimulators.Kind.values()) {
                perKind.put(k, Latency.newHistogram());
            }
            int incomplete = 0;
            long firstAck = Long.MAX_VALUE;
            long lastDone = Long.MIN_VALUE;
            List<Double> series = new ArrayList<>();
            for (int i = warmupBookings; i < total; i++) {
                ProviderSimulators.Arrivals a = arrivals.get(i);
                if (!a.complete() || ack[i] == 0) {
                    incomplete++;
                    continue;
                }
                long done = a.lastNanos();
                latency.recordValue(Math.max(1, (done - ack[i]) / 1000));
                fromDue.recordValue(Math.max(1, (done - due[i]) / 1000));
                publish.recordValue(Math.max(1, (ack[i] - due[i]) / 1000));
                synchronized (a) {
                    for (ProviderSimulators.Kind k : ProviderSimulators.Kind.values()) {
                        perKind.get(k).recordValue(Math.max(1, (a.firstNanos[k.ordinal()] - ack[i]) / 1000));
                    }
                }
                firstAck = Math.min(firstAck, ack[i]);
                lastDone = Math.max(lastDone, done);
                series.add((done - ack[i]) / 1e6);
            }
            out.put("latency", Latency.summary(latency));
            out.put("latency_from_due", Latency.summary(fromDue));
            out.put("publish_ack", Latency.summary(publish));
            Map<String, Object> kinds = new LinkedHashMap<>();
            perKind.forEach((k, h) -> kinds.put(k.name().toLowerCase(Locale.ROOT), Latency.summary(h)));
            out.put("latency_per_effect", kinds);
            if (lastDone > firstAck) {
                out.put("completed_per_s", Latency.round((measured - incomplete) / ((lastDone - firstAck) / 1e9), 1));
            }
            out.put("drain_after_last_send_ms", Latency.ms((lastDone - lastSent) / 1000.0));
            out.put("latency_by_tenth_p50_ms", tenths(series));
            out.put("simulator_calls", sims.calls());
            out.put("cpu", cpuUse);

            // ---------------------------------------------------------------- correctness
            Map<String, Object> check = new LinkedHashMap<>();
            Map<String, Object> atProviders = sims.summary(bookingIds);
            check.put("at_providers", atProviders);
            for (var e : atProviders.entrySet()) {
                Map<?, ?> m = (Map<?, ?>) e.getValue();
                if (((Number) m.get("exactly_once")).longValue() != total) {
                    problems.add(e.getKey() + ": " + m);
                } else if (m.containsKey("without_zoom_join_url") && ((Number) m.get("without_zoom_join_url")).longValue() != 0) {
                    problems.add(e.getKey() + " without the booking's Zoom join URL: " + m.get("without_zoom_join_url"));
                }
            }
            Map<String, Object> unmatched = new LinkedHashMap<>(sims.unmatched());
            check.put("unmatched_requests", unmatched);
            if (!unmatched.isEmpty()) {
                problems.add("requests for no booking of this run: " + unmatched);
            }
            Map<String, Long> recorded = db.counts("select kind || ' ' || outcome, count(*) from side_effect where org_id = ? group by 1", org);
            check.put("side_effect_rows", recorded);
            for (String kind : List.of("ZOOM_MEETING", "CALENDAR_EVENT", "LEAD_MAIL", "HOST_MAIL", "SLACK_MENTION")) {
                long n = recorded.getOrDefault(kind + " DONE", 0L);
                if (n != total) {
                    problems.add("side_effect " + kind + " DONE rows: " + n + ", expected " + total);
                }
            }
            long other = recorded.entrySet().stream().filter(e -> !e.getKey().endsWith(" DONE")).mapToLong(Map.Entry::getValue).sum();
            if (other != 0) {
                problems.add(other + " side_effect rows not DONE: " + recorded);
            }
            check.put("bookings_checked", total);
            check.put("incomplete_measured", incomplete);
            check.put("send_failures", sendFailures.get());
            if (sendFailures.get() != 0) {
                problems.add(sendFailures.get() + " meeting-booked events not acknowledged by the broker");
            }
            check.put("ok", problems.isEmpty());
            check.put("problems", problems.size() > 10 ? problems.subList(0, 10) : problems);
            out.put("check", check);
        }
        Json.write(Path.of(args.get("out")), out);
        Map<?, ?> l = (Map<?, ?>) out.get("latency");
        System.err.printf("bench: effects: p50 %s / p90 %s / p99 %s / max %s ms over %s bookings at %d/s; check %s%n", l.get("p50_ms"),
                l.get("p90_ms"), l.get("p99_ms"), l.get("max_ms"), l.get("count"), rate, problems.isEmpty() ? "ok" : "FAILED " + problems);
        return problems.isEmpty() ? 0 : 1;
    }

    /**
     * Waits until every booking of the warm-up has all its side effects; how long that took and the rate at which
     * the service completed them (its capacity, when the warm-up's rate was above it and a backlog built up).
     */
    private static Map<String, Object> drain(List<ProviderSimulators.Arrivals> arrivals, long[] ack, int timeoutSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline && !arrivals.stream().allMatch(ProviderSimulators.Arrivals::complete)) {
            Thread.sleep(20);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        long complete = arrivals.stream().filter(ProviderSimulators.Arrivals::complete).count();
        long firstAck = Long.MAX_VALUE;
        long lastAck = Long.MIN_VALUE;
        long lastDone = Long.MIN_VALUE;
        Histogram h = Latency.newHistogram();
        for (int i = 0; i < arrivals.size(); i++) {
            if (arrivals.get(i).complete() && ack[i] != 0) {
                long done = arrivals.get(i).lastNanos();
                firstAck = Math.min(firstAck, ack[i]);
                lastAck = Math.max(lastAck, ack[i]);
                lastDone = Math.max(lastDone, done);
                h.recordValue(Math.max(1, (done - ack[i]) / 1000));
            }
        }
        m.put("bookings", arrivals.size());
        m.put("completed", complete);
        if (complete > 0) {
            m.put("published_per_s", Latency.round(complete / Math.max(1e-9, (lastAck - firstAck) / 1e9), 1));
            m.put("completed_per_s", Latency.round(complete / ((lastDone - firstAck) / 1e9), 1));
            m.put("drain_after_last_publish_ms", Latency.ms((lastDone - lastAck) / 1000.0));
            m.put("latency", Latency.summary(h));
        }
        System.err.printf("bench: effects: warm-up: %d of %d bookings done, %s/s completed%n", complete, arrivals.size(), m.get("completed_per_s"));
        return m;
    }

    /** The median of each tenth of the measured bookings in sending order: a rising series means a growing backlog. */
    private static List<Double> tenths(List<Double> series) {
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
