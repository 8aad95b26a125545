package dev.kaigi.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Booking through scheduling-service ({@code POST /api/v1/bookings}): closed-model phases
 * of 1, 4, 16 and 64 clients, each on a fresh organization with a 20-host pool with caps, then the
 * hot host (64 clients at once on one host-day). Hosts, schedules and counters are written straight
 * into the service's read model (what user-service's and integration-service's events would have
 * left there); the meeting types are created through the API.
 */
final class BookingLoad {

    static final String BOOKINGS_URI_LABEL = "uri=\"/api/v1/bookings\"";
    /** The pool: 20 hosts, every day 09:00–18:00 Tokyo (18 half-hour slots), daily caps 6, 8, 10, 12 in turn (180 places a day). */
    static final int POOL = 20;
    static final int[] POOL_CAPS = {6, 8, 10, 12};
    static final int SLOTS_PER_DAY = 18;
    /** Requests per local day: 160 of the 180 places, so the small caps fill up and the fair order has to step around them. */
    static final int REQUESTS_PER_DAY = 160;
    /** The longest warm-up on one organization: 360 days of 160 requests last 64 s at 900 bookings/s. */
    static final int WARMUP_CHUNK_S = 40;
    /** The stretches of the measured window whose p99 is reported besides the window's. */
    static final int STRETCH_S = 10;
    private static final long STRETCH_NANOS = Duration.ofSeconds(STRETCH_S).toNanos();
    static final int HOT_CAP = 6;
    static final int HOT_CLIENTS = 64;

    private final Args args;
    private final String baseUrl;
    private final HttpClient http;
    private final AtomicLong answered = new AtomicLong();
    /** The measured requests' connections, one per client index (a phase's clients never share one). */
    private final Map<Integer, RawHttp> connections = new ConcurrentHashMap<>();
    private PrivateKey key;

    BookingLoad(Args args) {
        this.args = args;
        this.baseUrl = args.get("base-url");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One organization with a pool and a meeting type made through the API. */
    private record Pool(UUID org, UUID type, String token, LocalDate firstDay, List<UUID> hosts) {
    }

    private Pool pool(SchedulingDb s, int hosts, int[] caps, int step, boolean everyDay) throws Exception {
        UUID org = UUID.randomUUID();
        s.organization(org);
        List<UUID> ids = s.hosts(org, SchedulingDb.randomIds(hosts), "09:00", "18:00", everyDay, false, caps);
        String token = Tokens.user(key, org, UUID.randomUUID(), List.of("manager"), Duration.ofHours(3));
        StringBuilder pool = new StringBuilder();
        ids.forEach(id -> pool.append(pool.isEmpty() ? "" : ",").append('"').append(id).append('"'));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/meeting-types"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"Bench demo","durationMinutes":30,"conferencingMethod":"PHONE","hostPool":[%s],"slotStepMinutes":%d,
                         "minimumNoticeMinutes":0,"bookingHorizonDays":365}""".formatted(pool, step))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("creating the meeting type failed: " + r.statusCode() + " " + r.body());
        }
        String body = r.body();
        int at = body.indexOf("\"id\":\"") + 6;
        UUID type = UUID.fromString(body.substring(at, at + 36));
        LocalDate first = LocalDate.now(ZoneId.of(SchedulingDb.ZONE)).plusDays(2);
        return new Pool(org, type, token, first, ids);
    }

    private static String body(UUID type, Instant start, long n) {
        return """
                {"meetingTypeId":"%s","start":"%s","lead":{"name":"Taro Yamada","email":"lead%d@customer.example","company":"Customer KK","locale":"ja"},"notes":"demo please"}"""
                .formatted(type, start, n);
    }

    /** Ticket n of a pool phase: day n / 160, then the 18 half-hour slots in turn. */
    private static Instant start(Pool p, long n) {
        LocalDate day = p.firstDay.plusDays(n / REQUESTS_PER_DAY);
        int slot = (int) (n % REQUESTS_PER_DAY % SLOTS_PER_DAY);
        return day.atTime(9, 0).plusMinutes(30L * slot).atZone(ZoneId.of(SchedulingDb.ZONE)).toInstant();
    }

    private static final class Tally {
        final Histogram ok = Latency.newHistogram();
        /** The 201s again, by the {@link #STRETCH_S}-second stretch of the window they started in. */
        final List<Histogram> okByStretch = new ArrayList<>();
        final Histogram conflict = Latency.newHistogram();
        long okCount;
        long conflicts;
        long warmupOk;
        long ambiguous;
        long lastEnd;
        final Map<String, Long> errors = new TreeMap<>();

        Histogram stretch(int i) {
            while (okByStretch.size() <= i) {
                okByStretch.add(Latency.newHistogram());
            }
            return okByStretch.get(i);
        }
    }

    /**
     * The measured window's p99 in stretches of {@link #STRETCH_S} seconds: whether the window's
     * p99 is the machine's usual tail or one slow stretch (the two cores are shared, and a
     * stretch's pace can differ by a third from the next).
     */
    private static List<Double> p99ByStretch(Tally[] tallies) {
        List<Double> p99s = new ArrayList<>();
        for (int i = 0; ; i++) {
            Histogram stretch = Latency.newHistogram();
            boolean any = false;
            for (Tally t : tallies) {
                if (i < t.okByStretch.size()) {
                    stretch.add(t.okByStretch.get(i));
                    any = true;
                }
            }
            if (!any) {
                return p99s;
            }
            p99s.add(Latency.ms(stretch.getValueAtPercentile(99)));
        }
    }

    /** Posts one booking as client {@code client}; "201", "409" (no-host-available) or what else came back. */
    private String post(int client, Pool p, Instant start, long n) {
        RawHttp connection = connections.computeIfAbsent(client, c -> new RawHttp(URI.create(baseUrl), 30_000));
        try {
            RawHttp.Response r = connection.post("/api/v1/bookings",
                    Map.of("Authorization", "Bearer " + p.token, "Accept", "application/json"), body(p.type, start, n));
            answered.incrementAndGet();
            if (r.status() == 201) {
                return "201";
            }
            if (r.status() == 409 && r.body().contains("no-host-available")) {
                return "409";
            }
            return Integer.toString(r.status());
        } catch (IOException e) {
            return "io: " + e.getClass().getSimpleName();
        }
    }

    int run() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        key = Tokens.privateKey(keys);
        int warmup = args.integer("warmup", 60);
        int phaseWarmup = args.integer("phase-warmup", 5);
        int duration = args.integer("duration", 30);
        int hotRounds = args.integer("hot-rounds", 20);
        List<Integer> clientCounts = new ArrayList<>();
        for (String c : args.get("clients", "1,4,16,64").split(",")) {
            clientCounts.add(Integer.parseInt(c.trim()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", baseUrl + "/api/v1/bookings");
        out.put("pool", Map.of("hosts", POOL, "daily_caps", List.of(6, 8, 10, 12), "hours", "every day 09:00-18:00 Asia/Tokyo",
                "meeting", "30 min, PHONE, slot step 30", "requests_per_day", REQUESTS_PER_DAY));
        out.put("warmup_s", warmup);
        out.put("phase_warmup_s", phaseWarmup);
        out.put("duration_s", duration);
        boolean ok = true;
        try (Db db = new Db(args)) {
            SchedulingDb s = new SchedulingDb(db);
            boolean statementStats = db.statementStatsAvailable();
            // JIT and pools: 16 clients, discarded, on a fresh organization every WARMUP_CHUNK_S (at 16 clients one
            // organization's 360 days of 160 requests last about 60 s now, and a warm-up that runs out stops early)
            long warmBookings = 0;
            List<Object> warmChecks = new ArrayList<>();
            for (int left = warmup; left > 0; left -= WARMUP_CHUNK_S) {
                Map<String, Object> warm = phase(db, s, pool(s, POOL, POOL_CAPS, 30, true), 16, Math.min(left, WARMUP_CHUNK_S), 0, false,
                        false);
                warmBookings += ((Number) warm.get("warmup_bookings")).longValue();
                warmChecks.add(warm.get("check"));
                ok &= Boolean.TRUE.equals(((Map<?, ?>) warm.get("check")).get("ok"));
            }
            out.put("warmup", Map.of("clients", 16, "bookings", warmBookings, "checks", warmChecks));
            List<Map<String, Object>> phases = new ArrayList<>();
            for (int clients : clientCounts) {
                Map<String, Object> phase = phase(db, s, pool(s, POOL, POOL_CAPS, 30, true), clients, phaseWarmup, duration, true,
                        statementStats);
                phases.add(phase);
                ok &= Boolean.TRUE.equals(((Map<?, ?>) phase.get("check")).get("ok"));
            }
            out.put("phases", phases);
            if (hotRounds > 0) {
                Map<String, Object> hot = hotHost(s, hotRounds);
                out.put("hot_host", hot);
                ok &= Boolean.TRUE.equals(((Map<?, ?>) hot.get("check")).get("ok"));
            }
            out.put("pg_version", db.version());
        }
        connections.values().forEach(RawHttp::close);
        Json.write(Path.of(args.get("out")), out);
        return ok ? 0 : 1;
    }

    /** One closed-model phase: {@code clients} threads, each posting its next booking when the last answered. */
    private Map<String, Object> phase(Db db, SchedulingDb s, Pool p, int clients, int warmupS, int durationS, boolean measure,
                                      boolean statementStats) throws Exception {
        db.checkpoint();
        AtomicLong tickets = new AtomicLong();
        long maxTicket = (long) REQUESTS_PER_DAY * 360; // the meeting type's horizon is 365 days
        Tally[] tallies = new Tally[clients];
        AtomicLongArray perSecond = new AtomicLongArray(durationS + 2);
        long[] window = new long[2];
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Tally t = tallies[i] = new Tally();
            int client = i;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (true) {
                    long begin = System.nanoTime();
                    if (begin >= window[1]) {
                        return;
                    }
                    long n = tickets.getAndIncrement();
                    if (n >= maxTicket) {
                        t.errors.merge("ran out of days", 1L, Long::sum);
                        return;
                    }
                    String outcome = post(client, p, start(p, n), n);
                    long end = System.nanoTime();
                    long micros = Math.max(1, (end - begin) / 1000);
                    boolean measured = begin >= window[0];
                    switch (outcome) {
                        case "201" -> {
                            if (measured) {
                                t.okCount++;
                                t.ok.recordValue(micros);
                                t.stretch((int) ((begin - window[0]) / STRETCH_NANOS)).recordValue(micros);
                                t.lastEnd = end;
                                int sec = (int) ((end - window[0]) / 1_000_000_000L);
                                if (sec < perSecond.length()) {
                                    perSecond.incrementAndGet(sec);
                                }
                            } else {
                                t.warmupOk++;
                            }
                        }
                        case "409" -> {
                            if (measured) {
                                t.conflicts++;
                                t.conflict.recordValue(micros);
                            }
                        }
                        default -> {
                            t.errors.merge(outcome, 1L, Long::sum);
                            if (outcome.startsWith("io") || outcome.startsWith("5")) {
                                t.ambiguous++;
                            }
                        }
                    }
                }
            }, "booking-client-" + i);
            thread.start();
            threads.add(thread);
        }
        long start = System.nanoTime();
        window[0] = start + Duration.ofSeconds(warmupS).toNanos();
        window[1] = window[0] + Duration.ofSeconds(durationS).toNanos();
        go.countDown();
        System.err.printf("bench: bookings: %d clients, warm-up %d s, measuring %d s%n", clients, warmupS, durationS);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("org_id", p.org.toString());
        out.put("meeting_type_id", p.type.toString());
        Map<String, Object> cpuUse = null;
        Map<String, Object> waits = null;
        Metrics before = null;
        Metrics after = null;
        if (measure) {
            ServiceLoad.sleepUntil(window[0]);
            try (CpuSampler cpu = new CpuSampler()) {
                cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                        .track("loadgen", ProcessHandle.current().pid(), false).trackThreads("service", args.pid("service-pid")).start();
                before = Metrics.fetch(http, baseUrl);
                if (statementStats) {
                    db.statementStatsAvailable();
                }
                try (Db.WaitSampler sampler = db.new WaitSampler(250)) {
                    for (Thread t : threads) {
                        t.join();
                    }
                    waits = sampler.result();
                }
                cpuUse = cpu.stop();
            }
            after = Metrics.fetch(http, baseUrl);
        } else {
            for (Thread t : threads) {
                t.join();
            }
        }
        Histogram okAll = Latency.newHistogram();
        Histogram conflictAll = Latency.newHistogram();
        long ok = 0;
        long conflicts = 0;
        long warmupOk = 0;
        long ambiguous = 0;
        long lastEnd = window[0];
        Map<String, Long> errors = new TreeMap<>();
        for (Tally t : tallies) {
            okAll.add(t.ok);
            conflictAll.add(t.conflict);
            ok += t.okCount;
            conflicts += t.conflicts;
            warmupOk += t.warmupOk;
            ambiguous += t.ambiguous;
            lastEnd = Math.max(lastEnd, t.lastEnd);
            t.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        }
        if (measure) {
            double seconds = Math.max(1e-9, (lastEnd - window[0]) / 1e9);
            out.put("bookings", ok);
            out.put("window_s", Latency.round(seconds, 3));
            out.put("throughput_per_s", Latency.round(ok / seconds, 1));
            out.put("latency", Latency.summary(okAll));
            out.put("p99_ms_by_stretch", p99ByStretch(tallies));
            out.put("no_host_available", conflicts);
            out.put("latency_409", Latency.summary(conflictAll));
            List<Long> series = new ArrayList<>();
            for (int i = 0; i < durationS; i++) {
                series.add(perSecond.get(i));
            }
            out.put("per_second", series);
            out.put("cpu", cpuUse);
            out.put("db_waits", waits);
            if (statementStats) {
                out.put("db_statements", db.topStatements(12, ok, "exec_ms_per_booking"));
            }
            out.put("service_metrics", serviceMetrics(before, after, BOOKINGS_URI_LABEL, "201"));
        }
        out.put("errors", errors);
        out.put("warmup_bookings", warmupOk);
        out.put("tickets", tickets.get());
        out.put("days_used", tickets.get() / REQUESTS_PER_DAY + 1);
        long unsentAtEnd = s.unsent(p.org);
        out.put("outbox_unsent_at_end", unsentAtEnd);
        out.put("outbox_drain_s", drainSeconds(s, p.org, Duration.ofSeconds(60)));
        Map<String, Object> counts = s.bookingCounts(p.org, null);
        List<String> problems = SchedulingDb.bookingProblems(counts, ok + warmupOk, ambiguous);
        if (!errors.isEmpty()) {
            problems.add("unexpected answers " + errors);
        }
        counts.put("client_successes", ok + warmupOk);
        counts.put("ok", problems.isEmpty());
        counts.put("problems", problems);
        out.put("check", counts);
        if (measure) {
            System.err.printf("bench: bookings %d clients: %.1f bookings/s, p99 %s ms, %d × 409; check %s%n", clients,
                    (Double) out.get("throughput_per_s"), ((Map<?, ?>) out.get("latency")).get("p99_ms"), conflicts,
                    problems.isEmpty() ? "ok" : "FAILED " + problems);
        }
        return out;
    }

    /** 64 clients at once on one host with cap 6 on one day, {@code rounds} times (a new day each): exactly 6 × 201, 58 × 409. */
    private Map<String, Object> hotHost(SchedulingDb s, int rounds) throws Exception {
        Pool p = pool(s, 1, new int[] {HOT_CAP}, 30, true);
        System.err.printf("bench: hot host: %d clients on one host-day (cap %d), %d rounds%n", HOT_CLIENTS, HOT_CAP, rounds);
        Histogram all = Latency.newHistogram();
        Histogram created = Latency.newHistogram();
        List<String> problems = new ArrayList<>();
        Map<String, Long> outcomes = new TreeMap<>();
        long successes = 0;
        int exactRounds = 0;
        for (int round = -2; round < rounds; round++) { // two rounds of warm-up
            LocalDate day = p.firstDay.plusDays(round + 2);
            String[] results = new String[HOT_CLIENTS];
            long[] micros = new long[HOT_CLIENTS];
            CyclicBarrier barrier = new CyclicBarrier(HOT_CLIENTS);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < HOT_CLIENTS; i++) {
                int c = i;
                // 18 non-overlapping half-hour starts, 3–4 clients on each: counter and time both race
                Instant start = day.atTime(9, 0).plusMinutes(30L * (c % SLOTS_PER_DAY)).atZone(ZoneId.of(SchedulingDb.ZONE)).toInstant();
                Thread t = new Thread(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        return;
                    }
                    long t0 = System.nanoTime();
                    results[c] = post(c, p, start, c);
                    micros[c] = Math.max(1, (System.nanoTime() - t0) / 1000);
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            long ok = 0;
            for (int i = 0; i < HOT_CLIENTS; i++) {
                if ("201".equals(results[i])) {
                    ok++;
                }
                if (round >= 0) {
                    outcomes.merge(results[i], 1L, Long::sum);
                    all.recordValue(micros[i]);
                    if ("201".equals(results[i])) {
                        created.recordValue(micros[i]);
                    }
                }
            }
            successes += ok;
            long others = java.util.Arrays.stream(results).filter(r -> !"201".equals(r) && !"409".equals(r)).count();
            if (ok == HOT_CAP && others == 0) {
                exactRounds += round >= 0 ? 1 : 0;
            } else {
                problems.add("round " + round + " (" + day + "): " + ok + " booked, " + others + " unexpected answers");
            }
            Thread.sleep(200);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", HOT_CLIENTS);
        out.put("cap", HOT_CAP);
        out.put("rounds", rounds);
        out.put("rounds_with_exactly_cap", exactRounds);
        out.put("outcomes", outcomes);
        out.put("latency", Latency.summary(all));
        out.put("latency_201", Latency.summary(created));
        out.put("outbox_drain_s", drainSeconds(s, p.org, Duration.ofSeconds(60)));
        Map<String, Object> counts = s.bookingCounts(p.org, null);
        problems.addAll(SchedulingDb.bookingProblems(counts, successes, 0));
        if ((Long) counts.get("bookings") != (long) HOT_CAP * (rounds + 2)) {
            problems.add(counts.get("bookings") + " bookings, expected " + HOT_CAP * (rounds + 2));
        }
        counts.put("ok", problems.isEmpty());
        counts.put("problems", problems);
        out.put("check", counts);
        System.err.printf("bench: hot host: %d/%d rounds exactly %d booked, p99 %s ms; check %s%n", exactRounds, rounds, HOT_CAP,
                ((Map<?, ?>) out.get("latency")).get("p99_ms"), problems.isEmpty() ? "ok" : "FAILED " + problems);
        return out;
    }

    static Map<String, Object> serviceMetrics(Metrics before, Metrics after, String uriLabel, String status) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (before == null || after == null) {
            return m;
        }
        double count = after.delta(before, Metrics.named("http_server_requests_seconds_count", uriLabel, "status=\"" + status + "\""));
        double sum = after.delta(before, Metrics.named("http_server_requests_seconds_sum", uriLabel, "status=\"" + status + "\""));
        m.put("server_requests_" + status, (long) count);
        m.put("server_mean_ms", count == 0 ? null : Latency.round(sum / count * 1000, 3));
        m.put("gc_pause_total_ms", Latency.round(after.delta(before, Metrics.named("jvm_gc_pause_seconds_sum")) * 1000, 1));
        m.put("gc_pauses", (long) after.delta(before, Metrics.named("jvm_gc_pause_seconds_count")));
        m.put("outbox_published", (long) after.delta(before, Metrics.named("kaigi_outbox_published_total")));
        m.put("process_cpu_s", Latency.round(after.delta(before, Metrics.named("process_cpu_time_ns_total")) / 1e9, 2));
        return m;
    }

    private static Double drainSeconds(SchedulingDb s, UUID org, Duration max) throws Exception {
        Instant start = Instant.now();
        while (s.unsent(org) > 0) {
            if (Duration.between(start, Instant.now()).compareTo(max) > 0) {
                return null;
            }
            Thread.sleep(100);
        }
        return Latency.round(Duration.between(start, Instant.now()).toMillis() / 1000.0, 1);
    }
}
