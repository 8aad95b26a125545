package dev.kaigi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Availability (SCH-09): {@code GET /api/v1/meeting-types/{id}/availability} for 14 days
 * of a 50-host pool with a month of bookings (AvailabilitySpeedTest's data: Mon–Fri 09–18 Tokyo,
 * lunch 12–13, cap 6, bookings at 10:00, 14:00 and 16:00 on every working day of the next 30
 * days; 30-minute meetings, 15-minute slots, 5-minute buffers). Open model: requests leave at a
 * constant rate whatever the answers do, and each latency counts from the moment its request was
 * due, so a stall shows as latency (no coordinated omission).
 */
final class AvailabilityLoad {

    static final String URI_LABEL = "uri=\"/api/v1/meeting-types/{id}/availability\"";
    static final int HOSTS = 50;

    private final Args args;
    private final String baseUrl;
    private final HttpClient http;

    AvailabilityLoad(Args args) {
        this.args = args;
        this.baseUrl = args.get("base-url");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    int run() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        PrivateKey key = Tokens.privateKey(keys);
        int rate = args.integer("rate", 20);
        int warmup = args.integer("warmup", 30);
        int duration = args.integer("duration", 30);
        ZoneId tokyo = ZoneId.of(SchedulingDb.ZONE);
        UUID org = UUID.randomUUID();
        UUID type = UUID.randomUUID();
        LocalDate from = LocalDate.now(tokyo).plusDays(1);
        LocalDate to = from.plusDays(13);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("question", "Availability of a 50-host pool with a month of bookings over a 14-day range, over HTTP; target p99 <= 30 ms");
        out.put("rate_per_s", rate);
        out.put("warmup_s", warmup);
        out.put("duration_s", duration);
        out.put("range", from + " .. " + to + " Asia/Tokyo");
        try (Db db = new Db(args)) {
            SchedulingDb s = new SchedulingDb(db);
            s.organization(org);
            List<UUID> hosts = s.hosts(org, SchedulingDb.randomIds(HOSTS), "09:00", "18:00", false, true, 6);
            s.monthOfBookings(org);
            s.meetingType(org, type, "Perf", 30, 15, 60, 5, hosts);
            s.analyze();
            out.put("seeded_bookings", s.count("select count(*) from booking where org_id = ?", org));
            db.checkpoint();
            String token = Tokens.user(key, org, UUID.randomUUID(), List.of("owner"), Duration.ofHours(3));
            URI uri = URI.create(baseUrl + "/api/v1/meeting-types/" + type + "/availability?from=" + from + "&to=" + to
                    + "&timeZone=" + SchedulingDb.ZONE);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();

            // correctness first, on one answer: what the seed allows and nothing else
            HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) {
                throw new IllegalStateException("availability answered " + first.statusCode() + ": " + first.body());
            }
            Map<String, Object> check = check(first.body(), from, to, tokyo);
            String expectedBody = first.body();

            boolean statementStats = db.statementStatsAvailable();
            System.err.printf("bench: availability: warm-up %d s (2 clients, closed), then %d req/s for %d s%n", warmup, rate, duration);
            Histogram latency = Latency.newHistogram();
            Histogram service = Latency.newHistogram();
            Map<String, Long> outcomes = new TreeMap<>();
            AtomicLong differing = new AtomicLong();
            // warm-up closed (two clients, each asking again when answered), so a cold JVM cannot leave a
            // backlog of open-model requests that would still be served in the measured window
            long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            AtomicLong warmCalls = new AtomicLong();
            List<Thread> warmers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < warmEnd) {
                        try {
                            http.send(request, HttpResponse.BodyHandlers.discarding());
                            warmCalls.incrementAndGet();
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                t.start();
                warmers.add(t);
            }
            for (Thread t : warmers) {
                t.join();
            }
            out.put("warmup_requests", warmCalls.get());
            ExecutorService workers = Executors.newFixedThreadPool(32);
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long measureFrom = start;
            long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
            Metrics before = null;
            Map<String, Object> cpuUse;
            Map<String, Object> waits;
            try (CpuSampler cpu = new CpuSampler()) {
                boolean started = false;
                Db.WaitSampler sampler = null;
                for (long due = start; due < end; due += period) {
                    if (!started && due >= measureFrom) {
                        ServiceLoad.sleepUntil(due);
                        cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                                .track("loadgen", ProcessHandle.current().pid(), false).trackThreads("service", args.pid("service-pid")).start();
                        before = Metrics.fetch(http, baseUrl);
                        if (statementStats) {
                            db.statementStatsAvailable();
                        }
                        sampler = db.new WaitSampler(250);
                        started = true;
                    }
                    ServiceLoad.sleepUntil(due);
                    long dueAt = due;
                    boolean measured = due >= measureFrom;
                    workers.execute(() -> {
                        long sent = System.nanoTime();
                        String outcome;
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            outcome = Integer.toString(r.statusCode());
                            if (r.statusCode() == 200 && !r.body().equals(expectedBody)) {
                                differing.incrementAndGet();
                            }
                        } catch (Exception e) {
                            outcome = "io: " + e.getClass().getSimpleName();
                        }
                        long done = System.nanoTime();
                        if (measured) {
                            synchronized (latency) {
                                latency.recordValue(Math.max(1, (done - dueAt) / 1000));
                                service.recordValue(Math.max(1, (done - sent) / 1000));
                                outcomes.merge(outcome, 1L, Long::sum);
                            }
                        }
                    });
                }
                workers.shutdown();
                workers.awaitTermination(60, TimeUnit.SECONDS);
                waits = sampler == null ? null : sampler.result();
                if (sampler != null) {
                    sampler.close();
                }
                cpuUse = cpu.stop();
            }
            Metrics after = Metrics.fetch(http, baseUrl);
            synchronized (latency) {
                out.put("requests", latency.getTotalCount());
                out.put("outcomes", outcomes);
                out.put("latency", Latency.summary(latency));
                out.put("latency_from_send", Latency.summary(service));
            }
            out.put("cpu", cpuUse);
            out.put("db_waits", waits);
            if (statementStats) {
                out.put("db_statements", db.topStatements(8, latency.getTotalCount(), "exec_ms_per_request"));
            }
            out.put("service_metrics", BookingLoad.serviceMetrics(before, after, URI_LABEL, "200"));
            check.put("answers_differing_from_the_first", differing.get());
            List<String> problems = new ArrayList<>(castList(check.get("problems")));
            if (differing.get() > 0) {
                problems.add(differing.get() + " answers differ from the first (nothing was written meanwhile)");
            }
            if (outcomes.keySet().stream().anyMatch(k -> !"200".equals(k))) {
                problems.add("answers other than 200: " + outcomes);
            }
            check.put("problems", problems);
            check.put("ok", problems.isEmpty());
            out.put("check", check);
            out.put("pg_version", db.version());
        }
        Json.write(Path.of(args.get("out")), out);
        Map<?, ?> check = (Map<?, ?>) out.get("check");
        System.err.printf("bench: availability: p50 %s ms, p99 %s ms; check %s%n", ((Map<?, ?>) out.get("latency")).get("p50_ms"),
                ((Map<?, ?>) out.get("latency")).get("p99_ms"), Boolean.TRUE.equals(check.get("ok")) ? "ok" : "FAILED " + check.get("problems"));
        return Boolean.TRUE.equals(check.get("ok")) ? 0 : 1;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /**
     * The seed leaves every host busy 10:00–10:30, 14:00–14:30 and 16:00–16:30 on working days of
     * the next 30 days and at lunch, with 5-minute buffers around a 30-minute meeting; caps (6) are
     * never reached (3 bookings a day). So a shown slot must be on a weekday, inside 09:00–18:00,
     * clear of lunch and of those three meetings with its buffers; and every such slot must show.
     */
    private static Map<String, Object> check(String body, LocalDate from, LocalDate to, ZoneId zone) throws Exception {
        JsonNode root = Json.MAPPER.readTree(body);
        List<String> problems = new ArrayList<>();
        int shown = 0;
        java.util.Set<OffsetDateTime> shownStarts = new java.util.HashSet<>();
        for (JsonNode day : root.path("days")) {
            for (JsonNode slot : day.path("slots")) {
                OffsetDateTime start = OffsetDateTime.parse(slot.path("start").asText());
                shownStarts.add(start.atZoneSameInstant(zone).toOffsetDateTime());
                shown++;
                if (!allowed(start.atZoneSameInstant(zone).toLocalDate(), start.atZoneSameInstant(zone).toLocalTime())) {
                    if (problems.size() < 10) {
                        problems.add("slot " + start + " should not be free");
                    }
                }
            }
        }
        int expected = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (LocalTime t = LocalTime.MIDNIGHT; ; t = t.plusMinutes(15)) {
                if (allowed(d, t)) {
                    expected++;
                    if (!shownStarts.contains(d.atTime(t).atZone(zone).toOffsetDateTime()) && problems.size() < 10) {
                        problems.add("slot " + d + " " + t + " should be free but is not shown");
                    }
                }
                if (t.equals(LocalTime.of(23, 45))) {
                    break;
                }
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("slots_shown", shown);
        c.put("slots_expected", expected);
        if (shown != expected) {
            problems.add(shown + " slots shown, " + expected + " expected");
        }
        c.put("problems", problems);
        return c;
    }

    /** A 30-minute meeting at local {@code t} on {@code d}, with 5-minute buffers, fits the seed's hosts. */
    private static boolean allowed(LocalDate d, LocalTime t) {
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        int s = t.getHour() * 60 + t.getMinute();
        int e = s + 30;
        if (s < 9 * 60 || e > 18 * 60 || (s < 13 * 60 && e > 12 * 60)) {
            return false; // outside the window or in the lunch break (the meeting itself; buffers may touch it)
        }
        for (int busy : new int[] {10 * 60, 14 * 60, 16 * 60}) {
            if (s - 5 < busy + 30 && e + 5 > busy) {
                return false;
            }
        }
        return true;
    }
}
