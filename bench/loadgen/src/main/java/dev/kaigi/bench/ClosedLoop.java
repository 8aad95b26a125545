package dev.kaigi.bench;

import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A closed-model phase against scheduling-service: {@code clients} threads, each sending its next
 * request when the last was answered; a warm-up whose successes are counted but not timed, then the
 * measured window with CPU, database waits, statements and the service's metrics beside it. The
 * booking and reschedule loads share it, so their figures are measured and named alike.
 */
final class ClosedLoop {

    /** The stretches of the measured window whose p99 is reported besides the window's. */
    static final int STRETCH_S = 10;
    private static final long STRETCH_NANOS = Duration.ofSeconds(STRETCH_S).toNanos();
    /** The outcome of a 409 the load expects (no host free at that time): counted, not an error. */
    static final String CONFLICT = "409";

    /** Client {@code client}'s {@code k}-th request (from 0): its outcome, or null when the client has no more work. */
    interface Request {
        String send(int client, long k);
    }

    /**
     * A phase: {@code what} names the count in the results ("bookings", "moves"), {@code unit} one
     * of them ("booking", "move"); {@code success} is the outcome that counts; {@code uriLabel} the
     * service metrics' label of the endpoint.
     */
    record Phase(String what, String unit, String success, String uriLabel, int clients, int warmupS, int durationS,
                 boolean measure, boolean statementStats) {
    }

    /** What the clients were told, warm-up included: the database is checked against it. */
    record Told(long ok, long warmupOk, long conflicts, long ambiguous, Map<String, Long> errors) {
    }

    /** {@code success} as its number, {@link #CONFLICT} for a 409 naming one of {@code conflicts}, else the status. */
    static String outcome(RawHttp.Response r, int success, String... conflicts) {
        if (r.status() == success) {
            return Integer.toString(success);
        }
        if (r.status() == 409 && java.util.Arrays.stream(conflicts).anyMatch(c -> r.body().contains(c))) {
            return CONFLICT;
        }
        return Integer.toString(r.status());
    }

    /** A request whose answer never came: it may or may not have been written. */
    static String outcome(java.io.IOException e) {
        return "io: " + e.getClass().getSimpleName();
    }

    private static final class Tally {
        final Histogram ok = Latency.newHistogram();
        /** The successes again, by the {@link #STRETCH_S}-second stretch of the window they started in. */
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

    private final Args args;
    private final HttpClient http;
    private final String baseUrl;

    ClosedLoop(Args args, HttpClient http, String baseUrl) {
        this.args = args;
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** Runs {@code phase} and puts its figures into {@code out} (the measured ones only when it measures). */
    Told run(Db db, Phase phase, Request request, Map<String, Object> out) throws Exception {
        db.checkpoint();
        int clients = phase.clients();
        Tally[] tallies = new Tally[clients];
        AtomicLongArray perSecond = new AtomicLongArray(phase.durationS() + 2);
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
                for (long k = 0; ; k++) {
                    long begin = System.nanoTime();
                    if (begin >= window[1]) {
                        return;
                    }
                    String outcome = request.send(client, k);
                    if (outcome == null) {
                        t.errors.merge("ran out of days", 1L, Long::sum);
                        return;
                    }
                    long end = System.nanoTime();
                    long micros = Math.max(1, (end - begin) / 1000);
                    boolean measured = begin >= window[0];
                    if (outcome.equals(phase.success())) {
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
                    } else if (outcome.equals(CONFLICT)) {
                        if (measured) {
                            t.conflicts++;
                            t.conflict.recordValue(micros);
                        }
                    } else {
                        t.errors.merge(outcome, 1L, Long::sum);
                        // a lost connection or a 5xx may or may not have written: the check allows for it
                        if (outcome.startsWith("io") || outcome.startsWith("5")) {
                            t.ambiguous++;
                        }
                    }
                }
            }, phase.unit() + "-client-" + i);
            thread.start();
            threads.add(thread);
        }
        long start = System.nanoTime();
        window[0] = start + Duration.ofSeconds(phase.warmupS()).toNanos();
        window[1] = window[0] + Duration.ofSeconds(phase.durationS()).toNanos();
        go.countDown();
        System.err.printf("bench: %s: %d clients, warm-up %d s, measuring %d s%n", phase.what(), clients, phase.warmupS(), phase.durationS());
        Map<String, Object> cpuUse = null;
        Map<String, Object> waits = null;
        Metrics before = null;
        Metrics after = null;
        if (phase.measure()) {
            ServiceLoad.sleepUntil(window[0]);
            try (CpuSampler cpu = new CpuSampler()) {
                cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                        .track("loadgen", ProcessHandle.current().pid(), false).trackThreads("service", args.pid("service-pid")).start();
                before = Metrics.fetch(http, baseUrl);
                if (phase.statementStats()) {
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
        if (phase.measure()) {
            double seconds = Math.max(1e-9, (lastEnd - window[0]) / 1e9);
            out.put(phase.what(), ok);
            out.put("window_s", Latency.round(seconds, 3));
            out.put("throughput_per_s", Latency.round(ok / seconds, 1));
            out.put("latency", Latency.summary(okAll));
            out.put("p99_ms_by_stretch", p99ByStretch(tallies));
            out.put("no_host_available", conflicts);
            out.put("latency_409", Latency.summary(conflictAll));
            List<Long> series = new ArrayList<>();
            for (int i = 0; i < phase.durationS(); i++) {
                series.add(perSecond.get(i));
            }
            out.put("per_second", series);
            out.put("cpu", cpuUse);
            out.put("db_waits", waits);
            if (phase.statementStats()) {
                out.put("db_statements", db.topStatements(12, ok, "exec_ms_per_" + phase.unit()));
            }
            out.put("service_metrics", BookingLoad.serviceMetrics(before, after, phase.uriLabel(), phase.success()));
        }
        out.put("errors", errors);
        out.put("warmup_" + phase.what(), warmupOk);
        return new Told(ok, warmupOk, conflicts, ambiguous, errors);
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
}
