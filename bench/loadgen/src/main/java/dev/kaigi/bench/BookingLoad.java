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
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

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
    record Pool(UUID org, UUID type, String token, LocalDate firstDay, List<UUID> hosts) {
    }

    Pool pool(SchedulingDb s, int hosts, int[] caps, int step, boolean everyDay) throws Exception {
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
        UUID type = idOf(r.body());
        LocalDate first = LocalDate.now(ZoneId.of(SchedulingDb.ZONE)).plusDays(2);
        return new Pool(org, type, token, first, ids);
    }

    private static String body(UUID type, Instant start, long n) {
        return """
                {"meetingTypeId":"%s","start":"%s","lead":{"name":"Taro Yamada","email":"lead%d@customer.example","company":"Customer KK","locale":"ja"},"notes":"demo please"}"""
                .formatted(type, start, n);
    }

    /** Ticket n of a pool phase: day n / 160, then the 18 half-hour slots in turn. */
    static Instant start(Pool p, long n) {
        LocalDate day = p.firstDay.plusDays(n / REQUESTS_PER_DAY);
        int slot = (int) (n % REQUESTS_PER_DAY % SLOTS_PER_DAY);
        return day.atTime(9, 0).plusMinutes(30L * slot).atZone(ZoneId.of(SchedulingDb.ZONE)).toInstant();
    }

    /** Client {@code client}'s own connection: a phase's clients never share one. */
    RawHttp connection(int client) {
        return connections.computeIfAbsent(client, c -> new RawHttp(URI.create(baseUrl), 30_000));
    }

    /** Posts one booking as client {@code client}: the service's answer. */
    RawHttp.Response book(int client, Pool p, Instant start, long n) throws IOException {
        RawHttp.Response r = connection(client).post("/api/v1/bookings",
                Map.of("Authorization", "Bearer " + p.token, "Accept", "application/json"), body(p.type, start, n));
        answered.incrementAndGet();
        return r;
    }

    /** Posts one booking as client {@code client}; "201", "409" (no-host-available) or what else came back. */
    private String post(int client, Pool p, Instant start, long n) {
        try {
            return ClosedLoop.outcome(book(client, p, start, n), 201, "no-host-available");
        } catch (IOException e) {
            return ClosedLoop.outcome(e);
        }
    }

    /** The first {@code "id"} of a JSON answer: the meeting type or booking just made. */
    static UUID idOf(String body) {
        int at = body.indexOf("\"id\":\"") + 6;
        return UUID.fromString(body.substring(at, at + 36));
    }

    void closeConnections() {
        connections.values().forEach(RawHttp::close);
    }

    /** A closed-model phase against this load's service. */
    ClosedLoop closedLoop() {
        return new ClosedLoop(args, http, baseUrl);
    }

    /** Reads the key tokens are signed with (bench/run's key pair). */
    void readKey() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        key = Tokens.privateKey(keys);
    }

    int run() throws Exception {
        readKey();
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
        closeConnections();
        Json.write(Path.of(args.get("out")), out);
        return ok ? 0 : 1;
    }

    /** One closed-model phase: {@code clients} threads, each posting its next booking when the last answered. */
    private Map<String, Object> phase(Db db, SchedulingDb s, Pool p, int clients, int warmupS, int durationS, boolean measure,
                                      boolean statementStats) throws Exception {
        AtomicLong tickets = new AtomicLong();
        long maxTicket = (long) REQUESTS_PER_DAY * 360; // the meeting type's horizon is 365 days
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clients);
        out.put("org_id", p.org.toString());
        out.put("meeting_type_id", p.type.toString());
        ClosedLoop.Told told = closedLoop().run(db,
                new ClosedLoop.Phase("bookings", "booking", "201", BOOKINGS_URI_LABEL, clients, warmupS, durationS, measure, statementStats),
                (client, k) -> {
                    long n = tickets.getAndIncrement();
                    return n >= maxTicket ? null : post(client, p, start(p, n), n);
                }, out);
        out.put("tickets", tickets.get());
        out.put("days_used", tickets.get() / REQUESTS_PER_DAY + 1);
        long unsentAtEnd = s.unsent(p.org);
        out.put("outbox_unsent_at_end", unsentAtEnd);
        out.put("outbox_drain_s", drainSeconds(s, p.org, Duration.ofSeconds(60)));
        Map<String, Object> counts = s.bookingCounts(p.org, null);
        List<String> problems = SchedulingDb.bookingProblems(counts, told.ok() + told.warmupOk(), told.ambiguous());
        if (!told.errors().isEmpty()) {
            problems.add("unexpected answers " + told.errors());
        }
        counts.put("client_successes", told.ok() + told.warmupOk());
        counts.put("ok", problems.isEmpty());
        counts.put("problems", problems);
        out.put("check", counts);
        if (measure) {
            System.err.printf("bench: bookings %d clients: %.1f bookings/s, p99 %s ms, %d × 409; check %s%n", clients,
                    (Double) out.get("throughput_per_s"), ((Map<?, ?>) out.get("latency")).get("p99_ms"), told.conflicts(),
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

    static Double drainSeconds(SchedulingDb s, UUID org, Duration max) throws Exception {
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
