package dev.kaigi.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Seat assignment through licensing-service: a closed model of N clients (16 for the headline
 * figure), each sending {@code PUT /api/v1/internal/organizations/{org}/users/{new user}/seat} as
 * soon as its previous call answered, on one organization, so every call takes a seat from the same
 * counter row. Warm-up calls are discarded; the measured window gives throughput and latency.
 */
final class ServiceLoad {

    private static final String SEAT_PATH = "/api/v1/internal/organizations/%s/users/%s/seat";
    private static final String SEAT_URI_LABEL = "uri=\"/api/v1/internal/organizations/{orgId}/users/{userId}/seat\"";

    private final Args args;
    private final String baseUrl;
    private final int clients;
    private final Duration warmup;
    private final Duration duration;
    private final HttpClient http;
    /** Calls answered so far, any outcome: the stall watchdog's heartbeat. */
    private final AtomicLong answered = new AtomicLong();
    private volatile String stall;

    ServiceLoad(Args args) {
        this.args = args;
        this.baseUrl = args.get("base-url");
        this.clients = args.integer("clients", 16);
        this.warmup = Duration.ofSeconds(args.integer("warmup", 10));
        this.duration = Duration.ofSeconds(args.integer("duration", 30));
        // HTTP/1.1 with keep-alive, as one service calls another; the default (HTTP/2) would try an h2c upgrade
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Per-client tallies, merged after the run (no shared state on the hot path but the per-second counters). */
    private static final class Tally {
        final Histogram latency = Latency.newHistogram();
        long ok;
        long warmupOk;
        long seatUnavailable;
        long lastEndNanos;
        final Map<String, Long> errors = new TreeMap<>();
        /** Errors whose outcome on the server is unknown (timeouts, broken connections, 5xx). */
        long ambiguous;
    }

    int run() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        PrivateKey key = Tokens.privateKey(keys);
        Duration lifetime = warmup.plus(duration).plusMinutes(30);
        UUID orgId = UUID.randomUUID();
        String ownerToken = Tokens.user(key, orgId, UUID.randomUUID(), List.of("owner"), lifetime);
        String serviceToken = Tokens.service(key, "user-service", lifetime);
        int purchased = args.integer("seats", 1_000_000);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", baseUrl + SEAT_PATH.formatted("{org}", "{new user}"));
        out.put("org_id", orgId.toString());
        out.put("clients", clients);
        out.put("warmup_s", warmup.toSeconds());
        out.put("duration_s", duration.toSeconds());

        try (Db db = new Db(args); CpuSampler cpu = new CpuSampler()) {
            purchase(ownerToken, purchased);
            out.put("purchased_seats", purchased);
            boolean statementStats = db.statementStatsAvailable();
            db.checkpoint();

            Tally[] tallies = new Tally[clients];
            AtomicLongArray perSecond = new AtomicLongArray((int) duration.toSeconds() + 2);
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[2];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Tally t = tallies[i] = new Tally();
                Thread thread = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    clientLoop(orgId, serviceToken, window[0], window[1], t, perSecond);
                }, "client-" + i);
                thread.start();
                threads.add(thread);
            }
            ready.await();
            long start = System.nanoTime();
            window[0] = start + warmup.toNanos();
            window[1] = window[0] + duration.toNanos();
            go.countDown();
            Thread watchdog = stallWatchdog(window[1], Path.of(args.get("out")).toAbsolutePath().getParent());
            System.err.printf("bench: service: %d clients, warm-up %d s, measuring %d s%n", clients, warmup.toSeconds(), duration.toSeconds());

            sleepUntil(window[0]);
            cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                    .track("loadgen", ProcessHandle.current().pid(), false)
                    .trackThreads("service", args.pid("service-pid")).start();
            Metrics before = Metrics.fetch(http, baseUrl);
            if (statementStats) {
                db.statementStatsAvailable(); // resets, so the statistics cover the measured window only
            }
            Map<String, Object> waits;
            List<Path> dumps;
            try (Db.WaitSampler sampler = db.new WaitSampler(250)) {
                dumps = threadDumps(window[0], window[1]);
                for (Thread thread : threads) {
                    thread.join();
                }
                waits = sampler.result();
            }
            Map<String, Object> cpuUse = cpu.stop();
            watchdog.interrupt();
            Metrics after = Metrics.fetch(http, baseUrl);

            Histogram all = Latency.newHistogram();
            long ok = 0;
            long warmupOk = 0;
            long unavailable = 0;
            long ambiguous = 0;
            long lastEnd = window[0];
            Map<String, Long> errors = new TreeMap<>();
            for (Tally t : tallies) {
                all.add(t.latency);
                ok += t.ok;
                warmupOk += t.warmupOk;
                unavailable += t.seatUnavailable;
                ambiguous += t.ambiguous;
                lastEnd = Math.max(lastEnd, t.lastEndNanos);
                t.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            }
            double seconds = (lastEnd - window[0]) / 1e9;
            double rate = ok / seconds;

            out.put("assignments", ok);
            out.put("window_s", Latency.round(seconds, 3));
            out.put("throughput_per_s", Latency.round(rate, 1));
            out.put("latency", Latency.summary(all));
            out.put("seat_unavailable", unavailable);
            out.put("errors", errors);
            out.put("warmup_assignments", warmupOk);
            List<Long> series = new ArrayList<>();
            for (int s = 0; s < duration.toSeconds(); s++) {
                series.add(perSecond.get(s));
            }
            out.put("per_second", series);
            out.put("cpu", cpuUse);
            out.put("service_metrics", serviceMetrics(before, after, ok));
            out.put("db_waits", waits);
            if (statementStats) {
                out.put("db_statements", db.topStatements(12, ok));
            }
            out.put("stall", stall);
            if (!dumps.isEmpty()) {
                out.put("thread_dumps", dumps.stream().map(Path::toString).toList());
            }
            Files.writeString(Path.of(args.get("out")).resolveSibling("metrics-after.txt"), after.text);

            // correctness: read right away, then give the relay a moment to publish what is left
            long unsentAtEnd = db.unsentOutboxRows(orgId);
            out.put("outbox_unsent_at_end", unsentAtEnd);
            out.put("outbox_drain_s", drainSeconds(db, orgId, Duration.ofSeconds(60)));
            Map<String, Object> counts = db.seatCounts(orgId);
            out.put("check", check(counts, ok + warmupOk, ambiguous));
            out.put("pg_version", db.version());
            out.put("pg_settings", db.settings());
        }
        Json.write(Path.of(args.get("out")), out);
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) out.get("check");
        System.err.printf("bench: service: %.1f assignments/s, p99 %s ms; check %s%n", (Double) out.get("throughput_per_s"),
                ((Map<?, ?>) out.get("latency")).get("p99_ms"), check.get("ok").equals(true) ? "ok" : "FAILED " + check);
        return check.get("ok").equals(true) ? 0 : 1;
    }

    private void clientLoop(UUID orgId, String token, long t0, long t1, Tally t, AtomicLongArray perSecond) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString("{\"pool\":\"REGULAR\"}");
        while (true) {
            long begin = System.nanoTime();
            if (begin >= t1) {
                return;
            }
            UUID userId = randomUuid(random);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + SEAT_PATH.formatted(orgId, userId)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .PUT(body).build();
            String outcome;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = outcome(response, userId);
            } catch (IOException e) {
                outcome = "io: " + e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long end = System.nanoTime();
            answered.incrementAndGet();
            boolean measured = begin >= t0;
            switch (outcome) {
                case "ok" -> {
                    if (measured) {
                        t.ok++;
                        t.latency.recordValue(Math.max(1, (end - begin) / 1000));
                        t.lastEndNanos = end;
                        int second = (int) ((end - t0) / 1_000_000_000L);
                        if (second < perSecond.length()) {
                            perSecond.incrementAndGet(second);
                        }
                    } else {
                        t.warmupOk++;
                    }
                }
                case "seat-unavailable" -> t.seatUnavailable++;
                default -> {
                    t.errors.merge(outcome, 1L, Long::sum);
                    if (outcome.startsWith("io") || outcome.startsWith("5")) {
                        t.ambiguous++;
                    }
                }
            }
        }
    }

    private static String outcome(HttpResponse<String> response, UUID userId) {
        int status = response.statusCode();
        if (status == 200) {
            return response.body().contains(userId.toString()) ? "ok" : "200 without the user's seat";
        }
        if (status == 409 && response.body().contains("\"seat-unavailable\"")) {
            return "seat-unavailable";
        }
        return Integer.toString(status);
    }

    /** A version-4 UUID without SecureRandom's lock: uniqueness is all the benchmark needs. */
    private static UUID randomUuid(ThreadLocalRandom random) {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private void purchase(String ownerToken, int purchased) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/subscription/seats/REGULAR"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ownerToken).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"purchased\":" + purchased + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("buying seats failed: " + r.statusCode() + " " + r.body());
        }
    }

    /** Server-side view of the window: mean time inside the service per call, GC, relay output. */
    private static Map<String, Object> serviceMetrics(Metrics before, Metrics after, long ok) {
        Map<String, Object> m = new LinkedHashMap<>();
        double count = after.delta(before, Metrics.named("http_server_requests_seconds_count", SEAT_URI_LABEL, "status=\"200\""));
        double sum = after.delta(before, Metrics.named("http_server_requests_seconds_sum", SEAT_URI_LABEL, "status=\"200\""));
        m.put("server_requests_200", (long) count);
        m.put("server_mean_ms", count == 0 ? null : Latency.round(sum / count * 1000, 3));
        m.put("gc_pause_total_ms", Latency.round(after.delta(before, Metrics.named("jvm_gc_pause_seconds_sum")) * 1000, 1));
        m.put("gc_pauses", (long) after.delta(before, Metrics.named("jvm_gc_pause_seconds_count")));
        m.put("outbox_published", (long) after.delta(before, Metrics.named("kaigi_outbox_published_total")));
        m.put("outbox_lag_p99_s", after.sum(Metrics.named("kaigi_outbox_lag_seconds", "quantile=\"0.99\"")));
        m.put("process_cpu_s", Latency.round(after.delta(before, Metrics.named("process_cpu_time_ns_total")) / 1e9, 2));
        return m;
    }

    /**
     * When no call has been answered for 10 s the service is stuck, not slow: take one thread dump
     * of it then (needs {@code --service-pid}), because by the end of the run the evidence is gone.
     */
    private Thread stallWatchdog(long until, Path dir) {
        long pid = args.pid("service-pid");
        Thread t = new Thread(() -> {
            long last = -1;
            long lastChange = System.nanoTime();
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                long now = answered.get();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(10)) {
                    stall = "no call answered for 10 s, " + (System.nanoTime() - until) / -1_000_000_000L + " s before the end; thread dump in stall-dump.txt";
                    System.err.println("bench: service: no answer for 10 s; stalled (thread dump in stall-dump.txt)");
                    if (pid > 0) {
                        try {
                            new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true)
                                    .redirectOutput(dir.resolve("stall-dump.txt").toFile()).start().waitFor(30, TimeUnit.SECONDS);
                        } catch (IOException e) {
                            System.err.println("bench: thread dump failed: " + e.getMessage());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    return;
                }
            }
        }, "stall-watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Thread dumps of the service in the measured window, when asked for ({@code --thread-dumps n --service-pid pid}). */
    private List<Path> threadDumps(long t0, long t1) throws InterruptedException {
        int n = args.integer("thread-dumps", 0);
        long pid = args.pid("service-pid");
        List<Path> files = new ArrayList<>();
        if (n <= 0 || pid <= 0) {
            return files;
        }
        Path dir = Path.of(args.get("out")).toAbsolutePath().getParent();
        for (int i = 1; i <= n; i++) {
            sleepUntil(t0 + (t1 - t0) * i / (n + 1));
            Path file = dir.resolve("thread-dump-" + i + ".txt");
            try {
                new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true)
                        .redirectOutput(file.toFile()).start().waitFor(30, TimeUnit.SECONDS);
                files.add(file);
            } catch (IOException e) {
                System.err.println("bench: thread dump failed: " + e.getMessage());
            }
        }
        return files;
    }

    private static Double drainSeconds(Db db, UUID orgId, Duration max) throws Exception {
        Instant start = Instant.now();
        while (db.unsentOutboxRows(orgId) > 0) {
            if (Duration.between(start, Instant.now()).compareTo(max) > 0) {
                return null;
            }
            Thread.sleep(100);
        }
        return Latency.round(Duration.between(start, Instant.now()).toMillis() / 1000.0, 1);
    }

    /** Fails on any broken invariant, or when the rows disagree with what the clients were told. */
    static Map<String, Object> check(Map<String, Object> counts, long clientSuccesses, long ambiguous) {
        long purchased = (Long) counts.get("purchased");
        long assigned = (Long) counts.get("assigned");
        long rows = (Long) counts.get("assignment_rows");
        long events = (Long) counts.get("outbox_rows");
        List<String> problems = new ArrayList<>();
        if (assigned != rows) {
            problems.add("assigned " + assigned + " != " + rows + " assignment rows");
        }
        if (assigned > purchased) {
            problems.add("assigned " + assigned + " > purchased " + purchased);
        }
        if (rows < clientSuccesses || rows > clientSuccesses + ambiguous) {
            problems.add(rows + " assignment rows, but " + clientSuccesses + " successes reported to clients (+" + ambiguous + " unknown outcomes)");
        }
        if (events != rows) {
            problems.add(events + " seat-assigned outbox events for " + rows + " assignments");
        }
        Map<String, Object> c = new LinkedHashMap<>(counts);
        c.put("client_successes", clientSuccesses);
        c.put("ok", problems.isEmpty());
        c.put("problems", problems);
        return c;
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
