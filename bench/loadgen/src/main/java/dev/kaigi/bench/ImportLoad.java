package dev.kaigi.bench;

import com.fasterxml.jackson.core.type.TypeReference;

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
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * CSV import of users through user-service: sign up an organization, give it enough
 * regular seats in licensing-service, upload a generated file of N users as its super admin and
 * poll the import every 50 ms until it is COMPLETED. The figure is rows per second from the start
 * of the upload to the poll that saw COMPLETED: by then every row's user, seat (taken through
 * licensing-service's seat-batch API) and outbox event is committed. One smaller import into
 * another organization runs first, to warm both JVMs up.
 */
final class ImportLoad {

    static final double TARGET_ROWS_PER_S = 1_000;
    private static final String SEAT_BATCH_URI = "uri=\"/api/v1/internal/organizations/{orgId}/seat-batches\"";
    private static final String IMPORT_URI = "uri=\"/api/v1/user-imports\"";
    private static final String JOINED = "kaigi.user.joined.v1";
    private static final String INVITED = "kaigi.user.invited.v1";

    private final Args args;
    private final String userUrl;
    private final String licensingUrl;
    private final int rows;
    private final int warmupRows;
    private final long pollNanos;
    private final Duration timeout;
    private final HttpClient http;
    private PrivateKey key;

    ImportLoad(Args args) {
        this.args = args;
        this.userUrl = args.get("user-url");
        this.licensingUrl = args.get("licensing-url");
        this.rows = args.integer("rows", 10_000);
        this.warmupRows = args.integer("warmup-rows", 1_000);
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(args.integer("poll-ms", 50));
        this.timeout = Duration.ofSeconds(args.integer("timeout", 600));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An organization signed up through user-service, and a token of its super admin. */
    private record Org(UUID id, UUID superAdmin, String domain, String ownerToken) {
    }

    /** One import as the client saw it. */
    private record Timed(Map<String, Object> figures, Map<String, Object> finalState) {
    }

    int run() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        key = Tokens.privateKey(keys);
        Path outFile = Path.of(args.get("out")).toAbsolutePath();
        Path dir = outFile.getParent();
        String tag = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", userUrl + "/api/v1/user-imports");
        out.put("rows", rows);
        out.put("warmup_rows", warmupRows);
        out.put("poll_ms", TimeUnit.NANOSECONDS.toMillis(pollNanos));
        out.put("target_rows_per_s", TARGET_ROWS_PER_S);
        List<String> problems = new ArrayList<>();

        try (Db users = new Db(args, args.get("user-db")); Db licensing = new Db(args, args.get("licensing-db"));
             CpuSampler cpu = new CpuSampler()) {
            Org warm = signUp("warmup-" + tag + ".example", "ウォームアップ株式会社");
            seats(warm, warmupRows + 100);
            Org org = signUp("bench-" + tag + ".example", "株式会社カイギ・ベンチ");
            seats(org, rows + 100);
            out.put("org_id", org.id().toString());
            out.put("purchased_seats", rows + 100);

            ImportCsv.Content warmCsv = ImportCsv.generate(warmupRows, warm.domain(), "partner-w" + tag + ".example", 1);
            ImportCsv.Content csv = ImportCsv.generate(rows, org.domain(), "partner-" + tag + ".example", 2);
            Files.write(dir.resolve("imports-" + rows + ".csv"), csv.bytes());
            out.put("file_bytes", csv.bytes().length);
            out.put("file", "UTF-8 with BOM, CRLF; email,lastName,firstName,role,emailSignature; Japanese names; "
                    + "a three-line quoted signature in every 4th row; " + csv.sameDomain() + " rows with the super admin's domain (ACTIVE), "
                    + csv.outside() + " outside (INVITED)");

            System.err.printf("bench: imports: warm-up import of %,d rows%n", warmupRows);
            Timed w = importFile(warm, warmCsv);
            out.put("warmup", w.figures());
            if (((Number) w.finalState().get("added")).intValue() != warmupRows) {
                problems.add("warm-up import added " + w.finalState().get("added") + " of " + warmupRows + " rows: " + w.finalState());
            }

            users.checkpoint();
            boolean statementStats = users.statementStatsAvailable(); // resets every database's statistics
            Metrics userBefore = Metrics.fetch(http, userUrl);
            Metrics licensingBefore = Metrics.fetch(http, licensingUrl);
            cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                    .track("loadgen", ProcessHandle.current().pid(), false)
                    .trackThreads("user_service", args.pid("user-service-pid"))
                    .trackThreads("licensing_service", args.pid("licensing-service-pid")).start();
            System.err.printf("bench: imports: measured import of %,d rows (%,d bytes)%n", rows, csv.bytes().length);
            Timed m;
            Map<String, Object> userWaits;
            Map<String, Object> licensingWaits;
            int stackMillis = args.integer("stack-samples-ms", 0);
            StackSampler stacks = stackMillis > 0 && args.pid("user-service-pid") > 0
                    ? new StackSampler(args.pid("user-service-pid"), "user-import", stackMillis).start() : null;
            try (Db.WaitSampler uw = users.new WaitSampler(250); Db.WaitSampler lw = licensing.new WaitSampler(250)) {
                m = importFile(org, csv);
                userWaits = uw.result();
                licensingWaits = lw.result();
            } finally {
                if (stacks != null) {
                    stacks.close();
                }
            }
            Map<String, Object> cpuUse = cpu.stop();
            Metrics userAfter = Metrics.fetch(http, userUrl);
            Metrics licensingAfter = Metrics.fetch(http, licensingUrl);
            Files.writeString(dir.resolve("imports-user-service-metrics-after.txt"), userAfter.text);
            Files.writeString(dir.resolve("imports-licensing-service-metrics-after.txt"), licensingAfter.text);

            out.putAll(m.figures());
            out.put("import", m.finalState());
            double total = (Double) m.figures().get("total_s");
            out.put("cpu", cpuUse);
            out.put("cpu_core_s_per_1000_rows", cpuPerThousandRows(cpuUse));
            out.put("service_metrics", serviceMetrics(userBefore, userAfter, licensingBefore, licensingAfter, total));
            if (stacks != null) {
                out.put("stack_profile_user_import", stacks.result());
            }
            out.put("db_waits_user_service", userWaits);
            out.put("db_waits_licensing_service", licensingWaits);
            if (statementStats) {
                out.put("db_statements_user_service", users.topStatements(12, rows, "exec_ms_per_row"));
                out.put("db_statements_licensing_service", licensing.topStatements(8, rows, "exec_ms_per_row"));
            }

            // the relay publishes what the import wrote; not part of the figure, reported beside it
            out.put("outbox_unsent_at_completion", unsent(users, org.id()));
            out.put("outbox_drain_s", drainSeconds(users, org.id(), Duration.ofSeconds(120)));
            Map<String, Object> check = check(m.finalState(), csv, org, users, licensing);
            @SuppressWarnings("unchecked")
            List<String> checkProblems = (List<String>) check.get("problems");
            checkProblems.addAll(0, problems);
            check.put("ok", checkProblems.isEmpty());
            out.put("check", check);
            out.put("pg_version", users.version());
        }
        double rate = (Double) out.get("rows_per_s");
        out.put("meets_target", rate >= TARGET_ROWS_PER_S);
        Json.write(outFile, out);
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) out.get("check");
        boolean ok = Boolean.TRUE.equals(check.get("ok"));
        System.err.printf("bench: imports: %,d rows in %.2f s = %.0f rows/s (202 after %.0f ms); check %s%n", rows,
                (Double) out.get("total_s"), rate, (Double) out.get("accepted_ms"), ok ? "ok" : "FAILED " + check.get("problems"));
        return ok ? 0 : 1;
    }

    // ---------------------------------------------------------------- the import, timed from the client

    private Timed importFile(Org org, ImportCsv.Content csv) throws IOException, InterruptedException {
        ImportCsv.Multipart body = ImportCsv.multipart(csv.bytes(), "users-" + csv.rows() + ".csv",
                "mode", "ADD", "skipDuplicatesBy", "EMAIL", "locale", "ja");
        HttpRequest upload = HttpRequest.newBuilder(URI.create(userUrl + "/api/v1/user-imports"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + org.ownerToken())
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.body())).build();
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(upload, HttpResponse.BodyHandlers.ofString());
        long acceptedAt = System.nanoTime();
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("upload answered " + accepted.statusCode() + ": " + accepted.body());
        }
        String id = (String) parse(accepted.body()).get("id");
        HttpRequest poll = HttpRequest.newBuilder(URI.create(userUrl + "/api/v1/user-imports/" + id))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + org.ownerToken()).header("Accept", "application/json").GET().build();

        // progress as polled: [ms since the upload started, processed rows], one point per change
        List<double[]> progress = new ArrayList<>();
        progress.add(new double[] {ms(acceptedAt - start), 0});
        Map<String, Object> state;
        long next = acceptedAt;
        long polls = 0;
        long end;
        while (true) {
            next += pollNanos;
            ServiceLoad.sleepUntil(next);
            HttpResponse<String> r = http.send(poll, HttpResponse.BodyHandlers.ofString());
            end = System.nanoTime();
            polls++;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("polling the import answered " + r.statusCode() + ": " + r.body());
            }
            state = parse(r.body());
            int processed = ((Number) state.get("processedRows")).intValue();
            if (processed != (int) progress.get(progress.size() - 1)[1]) {
                progress.add(new double[] {ms(end - start), processed});
            }
            String status = (String) state.get("status");
            if ("COMPLETED".equals(status) || "FAILED".equals(status)) {
                break;
            }
            if (end - start > timeout.toNanos()) {
                throw new IllegalStateException("import " + id + " not finished after " + timeout.toSeconds() + " s: " + state);
            }
            next = Math.max(next, end - pollNanos / 2); // never fall behind by more than one interval
        }
        double total = (end - start) / 1e9;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("import_id", id);
        f.put("status", state.get("status"));
        f.put("rows_per_s", Latency.round(csv.rows() / total, 1));
        f.put("total_s", Latency.round(total, 3));
        f.put("accepted_ms", Latency.round(ms(acceptedAt - start), 1));
        f.put("background_s", Latency.round((end - acceptedAt) / 1e9, 3));
        Object createdAt = state.get("createdAt");
        Object startedAt = state.get("startedAt");
        Object finishedAt = state.get("finishedAt");
        if (createdAt != null && startedAt != null && finishedAt != null) {
            Instant c = Instant.parse((String) createdAt);
            Instant s = Instant.parse((String) startedAt);
            Instant e = Instant.parse((String) finishedAt);
            f.put("server_queued_ms", Duration.between(c, s).toMillis());
            f.put("server_running_s", Latency.round(Duration.between(s, e).toMillis() / 1000.0, 3));
        }
        f.put("polls", polls);
        f.put("chunks", chunks(progress));
        f.put("progress", progress.stream().map(p -> List.of(Latency.round(p[0], 0), (long) p[1])).toList());
        return new Timed(f, state);
    }

    /** Time per step of committed progress (one chunk, or more when two committed within one poll interval). */
    private static Map<String, Object> chunks(List<double[]> progress) {
        List<Double> perChunk = new ArrayList<>();
        List<Double> per500 = new ArrayList<>();
        for (int i = 1; i < progress.size(); i++) {
            double ms = progress.get(i)[0] - progress.get(i - 1)[0];
            double rowsInStep = progress.get(i)[1] - progress.get(i - 1)[1];
            perChunk.add(Latency.round(ms, 0));
            per500.add(ms / rowsInStep * 500);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("steps", perChunk.size());
        c.put("step_ms", perChunk);
        if (per500.size() > 0) {
            c.put("first_step_ms", perChunk.get(0)); // includes reading the stored file in the worker
            List<Double> later = new ArrayList<>(per500.subList(Math.min(1, per500.size() - 1), per500.size()));
            later.sort(Double::compare);
            c.put("later_ms_per_500_rows_median", Latency.round(later.get(later.size() / 2), 0));
            c.put("later_ms_per_500_rows_min", Latency.round(later.get(0), 0));
            c.put("later_ms_per_500_rows_max", Latency.round(later.get(later.size() - 1), 0));
        }
        return c;
    }

    // ---------------------------------------------------------------- set-up through the APIs

    private Org signUp(String domain, String name) throws IOException, InterruptedException {
        Duration lifetime = timeout.plusHours(1);
        String email = "ceo@" + domain;
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(userUrl + "/api/v1/organizations"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + Tokens.signUp(key, email, lifetime))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Json.string(Map.of(
                                "name", name, "timeZone", "Asia/Tokyo", "lastName", "田中", "firstName", "健")))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("sign-up answered " + r.statusCode() + ": " + r.body());
        }
        Map<String, Object> org = parse(r.body());
        UUID orgId = UUID.fromString((String) org.get("id"));
        UUID admin = UUID.fromString((String) org.get("superAdminUserId"));
        return new Org(orgId, admin, domain, Tokens.user(key, orgId, admin, List.of("owner", "super_admin"), lifetime));
    }

    private void seats(Org org, int purchased) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(licensingUrl + "/api/v1/subscription/seats/REGULAR"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + org.ownerToken()).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"purchased\":" + purchased + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("setting the seats answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The REGULAR pool as licensing-service's API shows it to the owner. */
    private Map<String, Object> regularPool(Org org) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(licensingUrl + "/api/v1/subscription"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + org.ownerToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("reading the subscription answered " + r.statusCode() + ": " + r.body());
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pools = (List<Map<String, Object>>) parse(r.body()).get("pools");
        return pools.stream().filter(p -> "REGULAR".equals(p.get("pool"))).findFirst().orElseThrow();
    }

    // ---------------------------------------------------------------- checks

    /**
     * Every row added; the licensing pool holds the super admin's seat plus one per row (API and
     * table); user-service holds the users with the right status and one user-joined / user-invited
     * outbox event each (plus the super admin's own user-joined).
     */
    private Map<String, Object> check(Map<String, Object> state, ImportCsv.Content csv, Org org, Db users, Db licensing)
            throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Object> c = new LinkedHashMap<>();
        int added = ((Number) state.get("added")).intValue();
        c.put("status", state.get("status"));
        c.put("added", added);
        c.put("skipped", state.get("skipped"));
        c.put("failed", state.get("failed"));
        if (!"COMPLETED".equals(state.get("status"))) {
            problems.add("import " + state.get("status") + " (" + state.get("failureCode") + ")");
        }
        if (added != csv.rows() || ((Number) state.get("skipped")).intValue() != 0 || ((Number) state.get("failed")).intValue() != 0) {
            problems.add("added " + added + ", skipped " + state.get("skipped") + ", failed " + state.get("failed") + " of " + csv.rows() + " rows");
        }
        long seats = csv.rows() + 1L; // the super admin holds one since sign-up
        Map<String, Object> pool = regularPool(org);
        long assigned = ((Number) pool.get("assigned")).longValue();
        c.put("licensing_assigned", assigned);
        long assignmentRows = licensing.count("select count(*) from seat_assignment where org_id = ? and pool = 'REGULAR'", org.id());
        c.put("licensing_assignment_rows", assignmentRows);
        if (assigned != seats || assignmentRows != seats) {
            problems.add("licensing: assigned " + assigned + ", " + assignmentRows + " assignment rows; expected " + seats);
        }
        Map<String, Long> byStatus = users.counts("select status, count(*) from app_user where org_id = ? group by status", org.id());
        c.put("users_by_status", byStatus);
        if (byStatus.getOrDefault("ACTIVE", 0L) != csv.sameDomain() + 1L || byStatus.getOrDefault("INVITED", 0L) != csv.outside()) {
            problems.add("users by status " + byStatus + "; expected ACTIVE " + (csv.sameDomain() + 1) + ", INVITED " + csv.outside());
        }
        Map<String, Long> events = users.counts("select event_type, count(*) from outbox where org_id = ? group by event_type", org.id());
        c.put("outbox_events", events);
        long joined = events.getOrDefault(JOINED, 0L);
        long invited = events.getOrDefault(INVITED, 0L);
        if (joined != csv.sameDomain() + 1L || invited != csv.outside()) {
            problems.add("outbox: " + joined + " " + JOINED + " (expected " + (csv.sameDomain() + 1) + "), " + invited + " " + INVITED
                    + " (expected " + csv.outside() + ")");
        }
        long outboxRows = users.count("select count(*) from outbox where org_id = ? and event_type in (?, ?)", org.id(), JOINED, INVITED);
        c.put("outbox_user_events", outboxRows);
        c.put("problems", problems);
        return c;
    }

    private static long unsent(Db users, UUID orgId) throws Exception {
        return users.count("select count(*) from outbox where org_id = ? and sent_at is null", orgId);
    }

    private static Double drainSeconds(Db users, UUID orgId, Duration max) throws Exception {
        Instant start = Instant.now();
        while (unsent(users, orgId) > 0) {
            if (Duration.between(start, Instant.now()).compareTo(max) > 0) {
                return null;
            }
            Thread.sleep(100);
        }
        return Latency.round(Duration.between(start, Instant.now()).toMillis() / 1000.0, 1);
    }

    /**
     * Core-seconds the system under test (both services, PostgreSQL, Kafka) spent per 1,000 rows:
     * less sensitive to a shared machine than rows/s. 1,000 rows/s on 2 cores needs at most 2.0,
     * and less in practice, since the import worker is one thread that waits between steps.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> cpuPerThousandRows(Map<String, Object> cpuUse) {
        Map<String, Object> byProcess = (Map<String, Object>) cpuUse.get("cores_by_process");
        double window = ((Number) cpuUse.get("window_s")).doubleValue();
        Map<String, Object> m = new LinkedHashMap<>();
        double total = 0;
        for (String p : List.of("user-service", "licensing-service", "postgres", "kafka")) {
            Object cores = byProcess.get(p);
            if (cores != null) {
                double v = ((Number) cores).doubleValue() * window / rows * 1000;
                total += v;
                m.put(p, Latency.round(v, 2));
            }
        }
        m.put("total", Latency.round(total, 2));
        return m;
    }

    /** Where the time went, from both services' /q/metrics over the measured import. */
    private static Map<String, Object> serviceMetrics(Metrics ub, Metrics ua, Metrics lb, Metrics la, double totalSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        double uploads = ua.delta(ub, Metrics.named("http_server_requests_seconds_count", IMPORT_URI, "method=\"POST\""));
        double uploadSum = ua.delta(ub, Metrics.named("http_server_requests_seconds_sum", IMPORT_URI, "method=\"POST\""));
        m.put("user_service_upload_server_ms", uploads == 0 ? null : Latency.round(uploadSum / uploads * 1000, 1));
        m.put("user_service_gc_pause_total_ms", Latency.round(ua.delta(ub, Metrics.named("jvm_gc_pause_seconds_sum")) * 1000, 1));
        m.put("user_service_gc_pauses", (long) ua.delta(ub, Metrics.named("jvm_gc_pause_seconds_count")));
        m.put("user_service_cpu_s", Latency.round(ua.delta(ub, Metrics.named("process_cpu_time_ns_total")) / 1e9, 2));
        m.put("user_service_outbox_published", (long) ua.delta(ub, Metrics.named("kaigi_outbox_published_total")));
        double batches = la.delta(lb, Metrics.named("http_server_requests_seconds_count", SEAT_BATCH_URI));
        double batchSum = la.delta(lb, Metrics.named("http_server_requests_seconds_sum", SEAT_BATCH_URI));
        m.put("licensing_seat_batch_calls", (long) batches);
        m.put("licensing_seat_batch_mean_ms", batches == 0 ? null : Latency.round(batchSum / batches * 1000, 1));
        m.put("licensing_seat_batch_total_s", Latency.round(batchSum, 3));
        m.put("licensing_seat_batch_share_of_total", Latency.round(batchSum / totalSeconds, 3));
        m.put("licensing_gc_pause_total_ms", Latency.round(la.delta(lb, Metrics.named("jvm_gc_pause_seconds_sum")) * 1000, 1));
        m.put("licensing_cpu_s", Latency.round(la.delta(lb, Metrics.named("process_cpu_time_ns_total")) / 1e9, 2));
        m.put("licensing_outbox_published", (long) la.delta(lb, Metrics.named("kaigi_outbox_published_total")));
        return m;
    }

    private static Map<String, Object> parse(String json) throws IOException {
        return Json.MAPPER.readValue(json, new TypeReference<>() {
        });
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
