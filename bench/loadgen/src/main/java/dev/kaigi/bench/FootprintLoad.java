package dev.kaigi.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The footprint of one running application: how long it took to become ready (measured by
 * bench/run, passed in), its resident memory after a warm-up, and the throughput of a few plain
 * requests at a fixed number of clients, so a service's CRUD figures stand beside those of a bare
 * Quarkus REST + Panache application (bench/bare) measured the same way in the same run.
 *
 * <p>Operations are {@code --op "name=METHOD /path [json body]"}; {@code {id}} in a path becomes an id
 * returned by the seed calls ({@code --seed "POST /path json" --seed-count N}). With {@code --keys}
 * every call carries a MEMBER's bearer token of a fresh organization, as the frontend's would.
 */
final class FootprintLoad {

    private static final Pattern OP = Pattern.compile("([\\w-]+)=(GET|POST|PUT|DELETE) (\\S+)(?: (.+))?");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"?([\\w-]+)\"?");

    private record Op(String name, String method, String path, String body) {
        static Op parse(String spec) {
            Matcher m = OP.matcher(spec.contains("=") ? spec : "seed=" + spec);
            if (!m.matches()) {
                throw new IllegalArgumentException("an operation is name=METHOD /path [body], not: " + spec);
            }
            return new Op(m.group(1), m.group(2), m.group(3), m.group(4));
        }
    }

    private final Args args;
    private final URI base;
    private final int clients;
    private final Duration warmup;
    private final Duration duration;
    private final long pid;
    private final List<String> ids = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> headers = new LinkedHashMap<>();

    FootprintLoad(Args args) {
        this.args = args;
        this.base = URI.create(args.get("base-url"));
        this.clients = args.integer("clients", 16);
        this.warmup = Duration.ofSeconds(args.integer("warmup", 20));
        this.duration = Duration.ofSeconds(args.integer("duration", 10));
        this.pid = Long.parseLong(args.get("pid"));
    }

    int run() throws Exception {
        if (args.has("keys")) {
            Path keys = Path.of(args.get("keys"));
            Tokens.requireReadable(keys);
            headers.put("Authorization", "Bearer " + Tokens.user(Tokens.privateKey(keys), UUID.randomUUID(), UUID.randomUUID(),
                    List.of("MEMBER"), Duration.ofHours(2)));
        }
        List<Op> ops = args.all("op").stream().map(Op::parse).toList();
        seed();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", args.get("name"));
        out.put("java_opts", args.get("java-opts", ""));
        out.put("first_start_ready_ms", Long.parseLong(args.get("first-ready-ms")));
        out.put("ready_ms", Long.parseLong(args.get("ready-ms")));
        out.put("cpu_s_to_ready", Double.parseDouble(args.get("cpu-to-ready-s", "0")));
        out.put("quarkus_started_in_s", Double.parseDouble(args.get("started-in-s", "0")));
        out.put("rss_mb_at_ready", Double.parseDouble(args.get("rss-at-ready-mb", "0")));

        System.err.printf("footprint %s: warm-up %d s, %d clients%n", args.get("name"), warmup.toSeconds(), clients);
        for (Op op : ops) {
            drive(op, warmup.dividedBy(ops.size()));
        }
        out.put("rss_mb_after_warmup", memory("VmRSS"));
        out.put("peak_rss_mb", memory("VmHWM"));

        Map<String, Object> measured = new LinkedHashMap<>();
        boolean correct = true;
        for (Op op : ops) {
            Map<String, Object> phase = drive(op, duration);
            correct &= Boolean.TRUE.equals(phase.get("all_2xx"));
            measured.put(op.name(), phase);
        }
        out.put("operations", measured);
        out.put("rss_mb_at_end", memory("VmRSS"));
        out.put("clients", clients);
        out.put("duration_s", duration.toSeconds());
        out.put("correct", correct);
        Json.write(Path.of(args.get("out")), out);
        return correct ? 0 : 1;
    }

    /** The calls whose answers give the ids of the read operations (e.g. bare's items). */
    private void seed() throws IOException {
        if (!args.has("seed")) {
            return;
        }
        Op seed = Op.parse(args.get("seed"));
        try (RawHttp http = new RawHttp(base, 10_000)) {
            for (int i = 0; i < args.integer("seed-count", 1000); i++) {
                RawHttp.Response r = http.send(seed.method(), seed.path(), headers, seed.body());
                Matcher m = ID.matcher(r.body());
                if (r.status() / 100 != 2 || !m.find()) {
                    throw new IllegalStateException("seed call answered " + r.status() + ": " + r.body());
                }
                ids.add(m.group(1));
            }
        }
    }

    /** A closed loop of {@code clients} threads sending {@code op} for {@code length}; its rate, latency and statuses. */
    private Map<String, Object> drive(Op op, Duration length) throws InterruptedException {
        Histogram all = Latency.newHistogram();
        Map<Integer, Long> statuses = new TreeMap<>();
        long[] calls = new long[1];
        long deadline = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                Histogram mine = Latency.newHistogram();
                Map<Integer, Long> myStatuses = new TreeMap<>();
                try (RawHttp http = new RawHttp(base, 10_000)) {
                    while (System.nanoTime() < deadline) {
                        String path = ids.isEmpty() ? op.path()
                                : op.path().replace("{id}", ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(op.method(), path, headers, op.body()).status();
                        } catch (IOException e) {
                            status = 0;
                        }
                        mine.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
                        myStatuses.merge(status, 1L, Long::sum);
                    }
                }
                synchronized (all) {
                    all.add(mine);
                    myStatuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
                    calls[0] += mine.getTotalCount();
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        Map<String, Object> phase = new LinkedHashMap<>();
        phase.put("request", op.method() + " " + op.path());
        phase.put("per_s", Latency.round(calls[0] / (length.toNanos() / 1e9), 1));
        phase.put("latency", Latency.summary(all));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        statuses.forEach((k, v) -> byStatus.put(String.valueOf(k), v));
        phase.put("statuses", byStatus);
        phase.put("all_2xx", statuses.keySet().stream().allMatch(s -> s / 100 == 2));
        return phase;
    }

    /** A field of /proc/PID/status, in MB. */
    private double memory(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Latency.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0, 1);
            }
        }
        throw new IllegalStateException(field + " not in /proc/" + pid + "/status");
    }
}
