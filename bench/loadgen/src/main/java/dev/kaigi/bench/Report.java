package dev.kaigi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns one run's raw result files into {@code bench/results/<stamp>.json} and a Markdown table
 * next to it, with PNG plots, and prints the table. Exit status 1 when a correctness check failed,
 * 3 when a figure is past its regression-guard limit ({@link Guard}); a missed performance target
 * is reported, not turned into a failed run (the machine is shared).
 */
final class Report {

    static final double SEATS_TARGET = 0.40;
    /** Above this, something besides the benchmark competed for the CPUs in a phase. */
    static final double NOISY_OTHER_CORES = 0.2;

    private final Args args;

    Report(Args args) {
        this.args = args;
    }

    @SuppressWarnings("unchecked")
    int run() throws IOException {
        Path runDir = Path.of(args.get("run-dir"));
        Path resultsDir = Path.of(args.get("results-dir"));
        String stamp = args.get("stamp");
        Map<String, String> meta = new LinkedHashMap<>();
        for (String kv : args.all("meta")) {
            String[] p = kv.split("=", 2);
            meta.put(p[0], p.length > 1 ? p[1] : "");
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_version", 1);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("stamp", stamp);
        run.put("mode", args.get("mode", "full"));
        run.put("started_at", meta.get("started_at"));
        run.put("finished_at", Instant.now().toString());
        run.put("command", meta.get("command"));
        run.put("wall_seconds", wallSeconds(meta.get("started_at"), (String) run.get("finished_at"), meta.get("wall_seconds")));
        doc.put("run", run);
        Map<String, Object> git = new LinkedHashMap<>();
        git.put("commit", meta.get("git_commit"));
        git.put("dirty_paths_outside_bench", Integer.parseInt(meta.getOrDefault("git_dirty_paths", "0")));
        doc.put("git", git);

        Map<String, Object> benchmarks = new LinkedHashMap<>();
        boolean correct = true;
        boolean meetsTargets = true;
        String pgVersion = null;
        if (Files.exists(runDir.resolve("seats-service.json"))) {
            Map<String, Object> seats = seats(runDir);
            benchmarks.put("seats", seats);
            correct &= Boolean.TRUE.equals(seats.get("correct"));
            meetsTargets &= Boolean.TRUE.equals(seats.get("meets_target"));
            pgVersion = (String) ((Map<?, ?>) seats.get("service")).get("pg_version");
        }
        if (Files.exists(runDir.resolve("imports.json"))) {
            Map<String, Object> imports = imports(runDir);
            benchmarks.put("imports", imports);
            correct &= Boolean.TRUE.equals(imports.get("correct"));
            meetsTargets &= Boolean.TRUE.equals(imports.get("meets_target"));
            if (pgVersion == null) {
                pgVersion = (String) imports.get("pg_version");
            }
        } else if (Files.exists(runDir.resolve("imports.started"))) {
            // the import benchmark began but wrote no result (crashed or timed out): a failed run
            Map<String, Object> imports = new LinkedHashMap<>();
            imports.put("correct", false);
            imports.put("meets_target", false);
            imports.put("error", "no result; see imports-*.log and the service logs in the run directory");
            benchmarks.put("imports", imports);
            correct = false;
            meetsTargets = false;
        }
        if (Files.exists(runDir.resolve("bookings-service.json")) || Files.exists(runDir.resolve("bookings.started"))) {
            Map<String, Object> bookings = Files.exists(runDir.resolve("bookings-service.json")) ? bookings(runDir) : failed("bookings");
            benchmarks.put("bookings", bookings);
            correct &= Boolean.TRUE.equals(bookings.get("correct"));
            meetsTargets &= Boolean.TRUE.equals(bookings.get("meets_target"));
        }
        if (Files.exists(runDir.resolve("reschedules-service.json")) || Files.exists(runDir.resolve("reschedules.started"))) {
            Map<String, Object> reschedules = Files.exists(runDir.resolve("reschedules-service.json")) ? reschedules(runDir)
                    : failed("reschedules");
            benchmarks.put("reschedules", reschedules);
            correct &= Boolean.TRUE.equals(reschedules.get("correct"));
            meetsTargets &= Boolean.TRUE.equals(reschedules.get("meets_target"));
        }
        if (Files.exists(runDir.resolve("availability.json")) || Files.exists(runDir.resolve("availability.started"))) {
            Map<String, Object> availability;
            if (Files.exists(runDir.resolve("availability.json"))) {
                availability = new LinkedHashMap<>(Json.read(runDir.resolve("availability.json")));
                // the target is server side: the time from sending the request to its answer (which
                // still includes the client's own HTTP handling on the same cores), not from when it was due
                double p99 = number((Map<String, Object>) availability.get("latency_from_send"), "p99_ms");
                availability.put("target_p99_ms", AVAILABILITY_P99_MS);
                availability.put("meets_target", p99 <= AVAILABILITY_P99_MS);
                availability.put("correct", ok(availability));
            } else {
                availability = failed("availability");
            }
            benchmarks.put("availability", availability);
            correct &= Boolean.TRUE.equals(availability.get("correct"));
            meetsTargets &= Boolean.TRUE.equals(availability.get("meets_target"));
        }
        if (pgVersion == null && benchmarks.get("bookings") instanceof Map<?, ?> bk && bk.get("service") instanceof Map<?, ?> sv) {
            pgVersion = (String) sv.get("pg_version");
        }
        if (pgVersion == null && benchmarks.get("reschedules") instanceof Map<?, ?> rs && rs.get("service") instanceof Map<?, ?> sv) {
            pgVersion = (String) sv.get("pg_version");
        }
        if (pgVersion == null && benchmarks.get("availability") instanceof Map<?, ?> av) {
            pgVersion = (String) av.get("pg_version");
        }
        if (Files.exists(runDir.resolve("propagation.json")) || Files.exists(runDir.resolve("propagation.started"))) {
            Map<String, Object> propagation;
            if (Files.exists(runDir.resolve("propagation.json"))) {
                propagation = new LinkedHashMap<>(Json.read(runDir.resolve("propagation.json")));
                propagation.put("target_p99_ms", PROPAGATION_P99_MS);
                propagation.put("meets_target", number((Map<String, Object>) propagation.get("latency"), "p99_ms") <= PROPAGATION_P99_MS);
                propagation.put("correct", ok(propagation));
            } else {
                propagation = failed("propagation");
            }
            benchmarks.put("propagation", propagation);
            correct &= Boolean.TRUE.equals(propagation.get("correct"));
            meetsTargets &= Boolean.TRUE.equals(propagation.get("meets_target"));
        }
        if (Files.exists(runDir.resolve("effects.json")) || Files.exists(runDir.resolve("effects.started"))) {
            // no target: the report gives the figures (median, p99); the guard checks p99
            Map<String, Object> effects = Files.exists(runDir.resolve("effects.json"))
                    ? new LinkedHashMap<>(Json.read(runDir.resolve("effects.json"))) : failed("effects");
            if (effects.get("error") == null) {
                effects.put("correct", ok(effects));
            }
            benchmarks.put("effects", effects);
            correct &= Boolean.TRUE.equals(effects.get("correct"));
        }
        if (Files.exists(runDir.resolve("webhooks.json")) || Files.exists(runDir.resolve("webhooks.started"))) {
            Map<String, Object> webhooks = Files.exists(runDir.resolve("webhooks.json"))
                    ? new LinkedHashMap<>(Json.read(runDir.resolve("webhooks.json"))) : failed("webhooks");
            if (webhooks.get("error") == null) {
                webhooks.put("correct", ok(webhooks));
            }
            benchmarks.put("webhooks", webhooks);
            correct &= Boolean.TRUE.equals(webhooks.get("correct"));
            meetsTargets &= Boolean.TRUE.equals(webhooks.get("meets_target"));
        }
        if (pgVersion == null && benchmarks.get("effects") instanceof Map<?, ?> ef) {
            pgVersion = (String) ef.get("pg_version");
        }
        Map<String, Object> footprint = FootprintReport.collect(runDir);
        if (footprint != null) {
            benchmarks.put("footprint", footprint);
            correct &= Boolean.TRUE.equals(footprint.get("correct"));
            meetsTargets &= Boolean.TRUE.equals(footprint.get("meets_target"));
        }
        doc.put("machine", machine(meta, pgVersion));
        doc.put("benchmarks", benchmarks);
        doc.put("correct", correct);
        doc.put("meets_targets", meetsTargets);

        Files.createDirectories(resultsDir);
        List<String> plots = Plots.draw(doc, resultsDir, stamp);
        doc.put("plots", plots);
        Path limits = Path.of(args.get("guard", "guard-" + run.get("mode") + ".properties"));
        List<Guard.Check> guard = Guard.check(doc, limits);
        boolean guardOk = guard.stream().allMatch(Guard.Check::ok);
        doc.put("guard", guard.stream().map(Guard.Check::asMap).toList());
        doc.put("guard_ok", guardOk);
        String markdown = markdown(doc) + Guard.markdown(guard, limits) + plotsMarkdown(plots);
        Json.write(resultsDir.resolve(stamp + ".json"), doc);
        Files.writeString(resultsDir.resolve(stamp + ".md"), markdown);
        if ("full".equals(run.get("mode"))) {
            publishLatest(resultsDir, stamp, plots);
        }
        System.out.println(markdown);
        // a failed check of the results outweighs a regression (exit 3), which outweighs a missed target (reported only)
        return !correct ? 1 : guardOk ? 0 : 3;
    }

    private Map<String, Object> seats(Path runDir) {
        Map<String, Object> service = Json.read(runDir.resolve("seats-service.json"));
        Map<String, Object> seats = new LinkedHashMap<>();
        seats.put("question", "Seat assignment throughput with 16 concurrent clients on one organization, "
                + "against a bare pgbench script doing the same guarded UPDATE + INSERT on the same PostgreSQL in the same run");
        seats.put("clients", service.get("clients"));
        seats.put("warmup_s", service.get("warmup_s"));
        seats.put("duration_s", service.get("duration_s"));
        seats.put("service", service);
        Path pgbenchFile = runDir.resolve("seats-pgbench.json");
        Map<String, Object> pgbench = Files.exists(pgbenchFile) ? Json.read(pgbenchFile) : null;
        seats.put("pgbench", pgbench);
        Path fullFile = runDir.resolve("seats-pgbench-service-sql.json");
        Map<String, Object> full = Files.exists(fullFile) ? Json.read(fullFile) : null;
        seats.put("pgbench_service_sql", full);

        Double ratio = null;
        if (pgbench != null) {
            ratio = Latency.round(number(service, "throughput_per_s") / number(pgbench, "throughput_per_s"), 3);
        }
        seats.put("ratio", ratio);
        seats.put("target_ratio", SEATS_TARGET);
        seats.put("meets_target", ratio != null && ratio >= SEATS_TARGET);
        boolean correct = ok(service) && (pgbench == null || ok(pgbench)) && (full == null || ok(full));
        seats.put("correct", correct);
        return seats;
    }

    static final double BOOKINGS_TARGET = 0.40;
    static final double BOOKINGS_P99_MS = 50;
    static final double AVAILABILITY_P99_MS = 30;
    static final double HOT_HOST_P99_MS = 50;
    static final double PROPAGATION_P99_MS = 300;

    private static Map<String, Object> failed(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("correct", false);
        m.put("meets_target", false);
        m.put("error", "no result; see " + name + "-*.log and the service logs in the run directory");
        return m;
    }

    /** Service phases beside the pgbench baseline of the same client count, and the hot host. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> bookings(Path runDir) throws IOException {
        Map<String, Object> service = Json.read(runDir.resolve("bookings-service.json"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("question", "POST /api/v1/bookings with 1, 4, 16, 64 concurrent clients over a 20-host pool with caps, beside pgbench "
                + "doing the same three statements (host_day counter update, booking insert, outbox insert) on the same PostgreSQL "
                + "in the same run; target at 16 clients: >= 40 % of the pgbench rate, p99 <= 50 ms, zero cap violations and overlaps");
        b.put("service", service);
        Map<?, ?> warmup = (Map<?, ?>) service.get("warmup");
        // one check per warm-up organization (older results: a single "check")
        List<?> warmChecks = warmup.get("checks") instanceof List<?> l ? l : List.of(warmup.get("check"));
        boolean correct = warmChecks.stream().allMatch(c -> Boolean.TRUE.equals(((Map<?, ?>) c).get("ok")));
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> pgbench = new LinkedHashMap<>();
        Boolean meets = null;
        for (Map<String, Object> phase : (List<Map<String, Object>>) service.get("phases")) {
            int clients = ((Number) phase.get("clients")).intValue();
            correct &= ok(phase);
            Path file = runDir.resolve("bookings-pgbench-c" + clients + ".json");
            Map<String, Object> pg = Files.exists(file) ? Json.read(file) : null;
            pgbench.put(Integer.toString(clients), pg);
            if (pg != null) {
                correct &= ok(pg);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("clients", clients);
            row.put("service_bookings_per_s", phase.get("throughput_per_s"));
            row.put("pgbench_tps", pg == null ? null : pg.get("throughput_per_s"));
            Double ratio = pg == null ? null : Latency.round(number(phase, "throughput_per_s") / number(pg, "throughput_per_s"), 3);
            row.put("ratio", ratio);
            row.put("service_latency", phase.get("latency"));
            row.put("pgbench_latency", pg == null ? null : pg.get("latency"));
            row.put("no_host_available", phase.get("no_host_available"));
            rows.add(row);
            if (clients == 16) {
                double p99 = number((Map<String, Object>) phase.get("latency"), "p99_ms");
                row.put("meets_ratio_target", ratio != null && ratio >= BOOKINGS_TARGET);
                row.put("meets_p99_target", p99 <= BOOKINGS_P99_MS);
                meets = ratio != null && ratio >= BOOKINGS_TARGET && p99 <= BOOKINGS_P99_MS;
            }
        }
        b.put("pgbench", pgbench);
        b.put("by_clients", rows);
        b.put("target_ratio_at_16", BOOKINGS_TARGET);
        b.put("target_p99_ms_at_16", BOOKINGS_P99_MS);
        Map<String, Object> hot = (Map<String, Object>) service.get("hot_host");
        if (hot != null) {
            correct &= ok(hot);
        }
        b.put("meets_target", Boolean.TRUE.equals(meets));
        b.put("correct", correct);
        return b;
    }

    static final double RESCHEDULES_TARGET = 0.40;
    static final double RESCHEDULES_P99_MS = 60;

    /** The service's moves beside the pgbench baseline at the same client count. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> reschedules(Path runDir) {
        Map<String, Object> service = Json.read(runDir.resolve("reschedules-service.json"));
        Path file = runDir.resolve("reschedules-pgbench.json");
        Map<String, Object> pg = Files.exists(file) ? Json.read(file) : null;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("question", "POST /api/v1/bookings/{id}/reschedule with 16 concurrent clients, each moving its own booked meetings to "
                + "the next day over a 20-host pool with caps, beside pgbench doing the same statements (booking locked, new host_day "
                + "place taken, old one given back, booking row moved, outbox row) on the same PostgreSQL in the same run; target: "
                + ">= 40 % of the pgbench rate, p99 <= 60 ms, counters = bookings, no overlaps, one event per move");
        r.put("clients", service.get("clients"));
        r.put("service", service);
        r.put("pgbench", pg);
        r.put("service_moves_per_s", service.get("throughput_per_s"));
        r.put("pgbench_tps", pg == null ? null : pg.get("throughput_per_s"));
        Double ratio = pg == null ? null : Latency.round(number(service, "throughput_per_s") / number(pg, "throughput_per_s"), 3);
        r.put("ratio", ratio);
        double p99 = number((Map<String, Object>) service.get("latency"), "p99_ms");
        r.put("p99_ms", p99);
        r.put("pgbench_p99_ms", pg == null ? null : number((Map<String, Object>) pg.get("latency"), "p99_ms"));
        r.put("target_ratio", RESCHEDULES_TARGET);
        r.put("target_p99_ms", RESCHEDULES_P99_MS);
        r.put("meets_ratio_target", ratio != null && ratio >= RESCHEDULES_TARGET);
        r.put("meets_p99_target", p99 <= RESCHEDULES_P99_MS);
        r.put("meets_target", ratio != null && ratio >= RESCHEDULES_TARGET && p99 <= RESCHEDULES_P99_MS);
        r.put("correct", ok(service) && (pg == null || ok(pg)));
        return r;
    }

    private Map<String, Object> imports(Path runDir) {
        Map<String, Object> imports = new LinkedHashMap<>();
        imports.put("question", "CSV import of N users into an organization with enough seats: rows/s end to end "
                + "(upload → import finished, seats taken, events in the outbox)");
        imports.putAll(Json.read(runDir.resolve("imports.json")));
        imports.put("correct", ok(imports));
        return imports;
    }

    /** The run's wall time, whole and per step ("setup=12,seats=40,..." from bench/run): the quick run has a budget. */
    static Map<String, Object> wallSeconds(String startedAt, String finishedAt, String steps) {
        Map<String, Object> wall = new LinkedHashMap<>();
        if (startedAt != null && !startedAt.isBlank()) {
            wall.put("total", java.time.Duration.between(Instant.parse(startedAt), Instant.parse(finishedAt)).toSeconds());
        }
        if (steps != null) {
            for (String step : steps.split(",")) {
                String[] kv = step.split("=", 2);
                if (kv.length == 2) {
                    wall.put(kv[0], Long.parseLong(kv[1]));
                }
            }
        }
        return wall;
    }

    private static String wallMarkdown(Map<String, Object> wall) {
        if (wall == null || !wall.containsKey("total")) {
            return "";
        }
        StringBuilder md = new StringBuilder("Wall time ").append(minutes(((Number) wall.get("total")).longValue()));
        StringBuilder steps = new StringBuilder();
        wall.forEach((step, seconds) -> {
            if (!step.equals("total")) {
                steps.append(steps.isEmpty() ? "" : ", ").append(step).append(' ').append(seconds).append(" s");
            }
        });
        return md.append(steps.isEmpty() ? "" : " (" + steps + ")").append(".\n\n").toString();
    }

    private static String minutes(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds / 60 + " min " + seconds % 60 + " s";
    }

    private static boolean ok(Map<String, Object> phase) {
        return Boolean.TRUE.equals(((Map<?, ?>) phase.get("check")).get("ok"));
    }

    private static Map<String, Object> machine(Map<String, String> meta, String pgVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", meta.get("nproc"));
        m.put("cpu_model", meta.get("cpu_model"));
        m.put("memory", meta.get("memory"));
        m.put("os", meta.get("os"));
        m.put("loadavg_at_start", meta.get("loadavg_at_start"));
        m.put("java_version", meta.get("java_version"));
        m.put("service_java_opts", meta.get("service_java_opts"));
        m.put("user_service_java_opts", meta.get("user_service_java_opts"));
        m.put("scheduling_service_java_opts", meta.get("scheduling_service_java_opts"));
        m.put("integration_service_java_opts", meta.get("integration_service_java_opts"));
        m.put("appcds", "1".equals(meta.get("appcds")));
        // the server's own answer when a benchmark asked it, else what bench/run read from pg_config
        m.put("postgresql_version", pgVersion != null ? pgVersion : meta.get("postgresql_version"));
        m.put("pgbench_version", meta.get("pgbench_version"));
        m.put("kafka_version", meta.get("kafka_version"));
        return m;
    }

    /**
     * A full run's plots also become {@code results/latest/<name>.png}, which the README shows: each
     * benchmark's latest full measurement, whichever run it came from (the stamp is in latest/README.md).
     */
    static void publishLatest(Path resultsDir, String stamp, List<String> plots) throws IOException {
        Path latest = resultsDir.resolve("latest");
        Files.createDirectories(latest);
        Path index = latest.resolve("README.md");
        Map<String, String> from = new java.util.TreeMap<>();
        if (Files.exists(index)) {
            for (String line : Files.readAllLines(index)) {
                if (line.startsWith("| `")) {
                    String[] cells = line.split("\\|");
                    from.put(cells[1].trim().replace("`", ""), cells[2].trim());
                }
            }
        }
        for (String plot : plots) {
            String name = plot.substring(stamp.length() + 1);
            Files.copy(resultsDir.resolve(plot), latest.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            from.put(name, "[" + stamp + "](../" + stamp + ".md)");
        }
        StringBuilder md = new StringBuilder("# Latest plots of full runs\n\nWritten by `bench/run` (full mode): each plot from the latest full run that measured it.\n\n| plot | run |\n|---|---|\n");
        from.forEach((name, run) -> md.append("| `").append(name).append("` | ").append(run).append(" |\n"));
        Files.writeString(index, md);
    }

    private static String plotsMarkdown(List<String> plots) {
        StringBuilder md = new StringBuilder(plots.isEmpty() ? "" : "\n## Plots\n\n");
        plots.forEach(p -> md.append("![").append(p).append("](").append(p).append(")\n"));
        return md.toString();
    }

    // ---------------------------------------------------------------- Markdown

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> doc) {
        Map<String, Object> run = (Map<String, Object>) doc.get("run");
        Map<String, Object> git = (Map<String, Object>) doc.get("git");
        Map<String, Object> machine = (Map<String, Object>) doc.get("machine");
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results ").append(run.get("stamp")).append(" (").append(run.get("mode")).append(")\n\n");
        String commit = String.valueOf(git.get("commit"));
        md.append("Commit `").append(commit, 0, Math.min(12, commit.length())).append('`');
        int dirty = (Integer) git.get("dirty_paths_outside_bench");
        md.append(dirty == 0 ? " (clean)" : " + " + dirty + " uncommitted path(s) outside bench/");
        md.append("; ").append(machine.get("nproc")).append(" CPUs (").append(machine.get("cpu_model")).append("), ")
                .append(machine.get("memory")).append(" RAM, load average at start ").append(machine.get("loadavg_at_start"))
                .append("; ").append(machine.get("java_version")).append("; PostgreSQL ").append(machine.get("postgresql_version"))
                .append("; Kafka ").append(machine.get("kafka_version")).append(".\n\n");
        md.append(wallMarkdown((Map<String, Object>) run.get("wall_seconds")));

        Map<String, Object> benchmarks = (Map<String, Object>) doc.get("benchmarks");
        if (benchmarks.containsKey("seats")) {
            seatsMarkdown(md, (Map<String, Object>) benchmarks.get("seats"));
        }
        if (benchmarks.containsKey("imports")) {
            importsMarkdown(md, (Map<String, Object>) benchmarks.get("imports"));
        }
        if (benchmarks.containsKey("bookings")) {
            bookingsMarkdown(md, (Map<String, Object>) benchmarks.get("bookings"));
        }
        if (benchmarks.containsKey("reschedules")) {
            reschedulesMarkdown(md, (Map<String, Object>) benchmarks.get("reschedules"));
        }
        if (benchmarks.containsKey("availability")) {
            availabilityMarkdown(md, (Map<String, Object>) benchmarks.get("availability"));
        }
        if (benchmarks.containsKey("propagation")) {
            Map<String, Object> pr = (Map<String, Object>) benchmarks.get("propagation");
            if (section(md, "propagation: user-deactivated on the broker → host ineligible (scheduling-service)", pr)) {
                Map<String, Object> l = (Map<String, Object>) pr.get("latency");
                Map<String, Object> c = (Map<String, Object>) pr.get("check");
                md.append(pr.get("rounds")).append(" hosts one after the other (after ").append(pr.get("warmup_rounds"))
                        .append(" warm-up rounds): from the broker's acknowledgement of the CloudEvent to the first eligibility answer `eligible: false` (`inactive`), polled back to back: p50 ")
                        .append(fmt(number(l, "p50_ms"), 1)).append(" / p90 ").append(fmt(number(l, "p90_ms"), 1)).append(" / **p99 ")
                        .append(fmt(number(l, "p99_ms"), 1)).append(" ms** / max ").append(fmt(number(l, "max_ms"), 1))
                        .append(" ms (target p99 ≤ 300 ms: ").append(Boolean.TRUE.equals(pr.get("meets_target")) ? "**met**" : "**not met**")
                        .append("); check ").append(Boolean.TRUE.equals(c.get("ok")) ? "ok (" + c.get("hosts_deactivated_in_db") + " hosts DEACTIVATED in the database, each eligible before its event)" : "**FAILED** " + c.get("problems"))
                        .append(".\n");
            }
        }
        if (benchmarks.containsKey("effects")) {
            effectsMarkdown(md, (Map<String, Object>) benchmarks.get("effects"));
        }
        if (benchmarks.containsKey("webhooks")) {
            webhooksMarkdown(md, (Map<String, Object>) benchmarks.get("webhooks"));
        }
        if (benchmarks.containsKey("footprint")) {
            FootprintReport.markdown(md, (Map<String, Object>) benchmarks.get("footprint"));
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static void webhooksMarkdown(StringBuilder md, Map<String, Object> w) {
        if (!section(md, "webhooks: meeting-booked on the broker → signed delivery acknowledged by the partner's receiver (integration-service)", w)) {
            return;
        }
        Map<String, Object> alone = (Map<String, Object>) w.get("alone");
        Map<String, Object> burst = (Map<String, Object>) w.get("saturation");
        Map<String, Object> beside = (Map<String, Object>) w.get("beside_dead");
        Map<String, Object> c = (Map<String, Object>) w.get("check");
        md.append("One subscription (meeting.booked) to the stack's webhook receiver, which verifies each Standard Webhooks signature;"
                + " from the event handed to the producer to the receiver's `receivedAt` (same clock, loopback). Open model at ")
                .append(w.get("rate_per_s")).append(" events/s for ").append(w.get("duration_s")).append(" s after ").append(w.get("warmup_s"))
                .append(" s of warm-up; a burst of ").append(w.get("burst_events")).append(" events published at once; the open model again"
                        + " with a second subscription beside it whose receiver holds every request past the sender's timeout.\n\n");
        md.append("| phase | measured events | p50 ms | p95 ms | p99 ms | max ms | deliveries/s | missing | duplicates |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Map<String, Object>> phases = new LinkedHashMap<>();
        phases.put("alone, " + w.get("rate_per_s") + "/s", alone);
        phases.put("burst (saturation)", burst);
        phases.put("beside a dead subscription on the same host:port, " + w.get("rate_per_s") + "/s", beside);
        phases.put("beside a dead subscription on another host, " + w.get("rate_per_s") + "/s",
                (Map<String, Object>) w.get("beside_dead_elsewhere"));
        for (var phase : phases.entrySet()) {
            Map<String, Object> p = phase.getValue();
            if (p == null) {
                continue;
            }
            md.append("| ").append(phase.getKey()).append(" | ").append(p.get("measured")).append(" | ").append(fmt(number(p, "p50_ms"), 1))
                    .append(" | ").append(fmt(number(p, "p95_ms"), 1)).append(" | **").append(fmt(number(p, "p99_ms"), 1)).append("** | ")
                    .append(fmt(number(p, "max_ms"), 1)).append(" | ").append(p.get("deliveries_per_s")).append(" | ")
                    .append(p.get("missing")).append(" | ").append(p.get("duplicates")).append(" |\n");
        }
        md.append("\nTarget p99 ≤ ").append(fmt(number(w, "p99_target_ms"), 0)).append(" ms at ").append(w.get("rate_per_s")).append("/s: ")
                .append(Boolean.TRUE.equals(w.get("meets_target")) ? "**met**" : "**not met**").append("; beside a dead subscription p99 ")
                .append(fmt(number(w, "p99_ms_beside_dead"), 1)).append(" ms on the same host:port (").append(w.get("dead_neighbour_p99_ratio"))
                .append("× alone; the dead receiver was asked ").append(beside == null ? "?" : beside.get("dead_receiver_requests"))
                .append(" times), ").append(fmt(number(w, "p99_ms_beside_dead_elsewhere"), 1)).append(" ms on another host. Saturation: **").append(burst == null ? "?" : burst.get("deliveries_per_s")).append(" deliveries/s**.\n\nCheck: ");
        md.append(Boolean.TRUE.equals(c.get("ok")) ? "ok — every one of " + c.get("events_checked")
                + " events delivered to the live receiver, verified, once.\n" : "**FAILED** " + c.get("problems") + "\n");
    }

    @SuppressWarnings("unchecked")
    private static void effectsMarkdown(StringBuilder md, Map<String, Object> e) {
        if (!section(md, "effects: a booking's events on the broker → side effects at the providers (integration-service)", e)) {
            return;
        }
        Map<String, Object> l = (Map<String, Object>) e.get("latency");
        Map<String, Object> c = (Map<String, Object>) e.get("check");
        md.append(e.get("bookings")).append(" bookings over ").append(e.get("hosts"))
                .append(" hosts, each booked, rescheduled a day later, reassigned to the next host and cancelled (")
                .append(e.get("events")).append(" events published at ").append(e.get("rate_per_s"))
                .append("/s, open model; a booking's next step ").append(e.get("step_lag_rounds"))
                .append(" rounds of four events after its last). From the broker's acknowledgement to the last side effect of the step"
                        + " reaching the simulators (target p99 ≤ ").append(fmt(number(e, "p99_target_ms"), 0)).append(" ms per step):\n\n");
        md.append("| step | side effects | events | p50 ms | p90 ms | p99 ms | max ms | target |\n|---|---|---:|---:|---:|---:|---:|---|\n");
        Map<String, Object> steps = (Map<String, Object>) e.get("latency_per_step");
        if (steps != null) {
            steps.forEach((k, v) -> {
                Map<String, Object> h = (Map<String, Object>) v;
                Map<String, Object> effects = (Map<String, Object>) h.get("per_effect");
                md.append("| ").append(k).append(" | ").append(effects == null ? "" : String.join(", ", effects.keySet()).replace('_', ' '))
                        .append(" | ").append(h.get("count")).append(" | ").append(fmt(number(h, "p50_ms"), 1)).append(" | ")
                        .append(fmt(number(h, "p90_ms"), 1)).append(" | **").append(fmt(number(h, "p99_ms"), 1)).append("** | ")
                        .append(fmt(number(h, "max_ms"), 1)).append(" | ")
                        .append(Boolean.TRUE.equals(h.get("meets_target")) ? "met" : "**not met**").append(" |\n");
            });
        }
        md.append("| all | | ").append(l.get("count")).append(" | ").append(fmt(number(l, "p50_ms"), 1)).append(" | ")
                .append(fmt(number(l, "p90_ms"), 1)).append(" | ").append(fmt(number(l, "p99_ms"), 1)).append(" | ")
                .append(fmt(number(l, "max_ms"), 1)).append(" | |\n");
        if (e.get("capacity") instanceof Map<?, ?> cap) {
            md.append("\n**Capacity**: ").append(e.get("capacity_bookings")).append(" bookings, each step of all of them published at ")
                    .append(e.get("capacity_rate_per_s")).append("/s and drained before the next: ");
            List<String> parts = new ArrayList<>();
            for (String step : List.of("booked", "rescheduled", "reassigned", "cancelled")) {
                if (cap.get(step) instanceof Map<?, ?> p && p.get("completed_per_s") != null) {
                    parts.add(step + " " + p.get("completed_per_s") + "/s");
                }
            }
            md.append(String.join(", ", parts)).append("; together **").append(cap.get("events_per_s"))
                    .append(" events/s** (target ≥ ").append(fmt(number(e, "capacity_target_per_s"), 0)).append(": ")
                    .append(Boolean.TRUE.equals(cap.get("meets_target")) ? "met" : "**not met**")
                    .append("; a rate near the published one means the service kept up).\n");
        }
        Map<String, Object> due = (Map<String, Object>) e.get("latency_from_due");
        md.append("\nFrom the due time (publishing included): p50 ").append(fmt(number(due, "p50_ms"), 1)).append(" / p99 ")
                .append(fmt(number(due, "p99_ms"), 1)).append(" ms. Medians per tenth of the run ").append(e.get("latency_by_tenth_p50_ms"))
                .append(" ms (rising = a backlog). CPU in the window: ");
        try {
            md.append(cpu(e));
        } catch (RuntimeException ex) {
            md.append("n/a");
        }
        md.append(".\n\nCheck: ");
        if (Boolean.TRUE.equals(c.get("ok"))) {
            md.append("ok — each of ").append(c.get("events_checked"))
                    .append(" events (capacity phases included) got each of its step's side effects exactly once at the simulators and"
                            + " nothing else, every one telling of a meeting that goes on carrying its current Zoom join URL; one DONE"
                            + " `side_effect` row per effect.\n");
        } else {
            md.append("**FAILED** ").append(c.get("problems")).append("\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static void seatsMarkdown(StringBuilder md, Map<String, Object> seats) {
        Map<String, Object> service = (Map<String, Object>) seats.get("service");
        Map<String, Object> pgbench = (Map<String, Object>) seats.get("pgbench");
        Map<String, Object> full = (Map<String, Object>) seats.get("pgbench_service_sql");
        List<Map<String, Object>> phases = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        phases.add(service);
        heads.add("licensing-service (HTTP)");
        if (pgbench != null) {
            phases.add(pgbench);
            heads.add("pgbench: bare SQL (baseline)");
        }
        if (full != null) {
            phases.add(full);
            heads.add("pgbench: the service's SQL (for reference)");
        }

        md.append("## seats: seat assignment, ").append(seats.get("clients")).append(" concurrent clients, one organization\n\n");
        md.append("Closed model; warm-up discarded (service ").append(seats.get("warmup_s")).append(" s");
        if (pgbench != null) {
            md.append(", pgbench ").append(pgbench.get("warmup_s")).append(" s");
        }
        md.append("), then a measured window of ").append(seats.get("duration_s"))
                .append(" s each, one phase after the other on the same PostgreSQL.\n\n");
        md.append("| |");
        heads.forEach(h -> md.append(' ').append(h).append(" |"));
        md.append("\n|---|");
        heads.forEach(h -> md.append("---:|"));
        md.append('\n');
        row(md, "throughput", phases, p -> fmt(number(p, "throughput_per_s"), 1) + (p == service ? " assignments/s" : " tps"));
        for (String q : List.of("p50", "p90", "p99", "max")) {
            row(md, q + " latency", phases, p -> fmt(number((Map<String, Object>) p.get("latency"), q + "_ms"), 2) + " ms");
        }
        row(md, "mean latency", phases, p -> fmt(number((Map<String, Object>) p.get("latency"), "mean_ms"), 2) + " ms");
        row(md, "errors", phases, p -> p == service ? errors(service) : String.valueOf(p.get("failed_transactions")));
        row(md, "correctness check", phases, p -> {
            Map<String, Object> c = (Map<String, Object>) p.get("check");
            return Boolean.TRUE.equals(c.get("ok")) ? "ok (" + c.get("assigned") + " assigned = rows = events)" : "**FAILED** " + c.get("problems");
        });
        row(md, "CPU, cores used (of " + ((Map<?, ?>) service.get("cpu")).get("cpus") + ")", phases, Report::cpu);
        md.append('\n');

        Object ratio = seats.get("ratio");
        if (ratio != null) {
            double r = (Double) ratio;
            md.append("**Service / pgbench baseline: ").append(fmt(r * 100, 1)).append(" %** (target ≥ ")
                    .append(fmt((Double) seats.get("target_ratio") * 100, 0)).append(" %): ")
                    .append(Boolean.TRUE.equals(seats.get("meets_target")) ? "**met**" : "**not met**").append(".");
            md.append("\n\n");
        }
        List<String> others = new ArrayList<>();
        double worst = 0;
        for (Map<String, Object> p : phases) {
            double other = number((Map<String, Object>) ((Map<String, Object>) p.get("cpu")).get("cores_by_process"), "other");
            worst = Math.max(worst, other);
            others.add(fmt(other, 2));
        }
        if (worst > NOISY_OTHER_CORES) {
            md.append("**Shared machine**: processes outside the benchmark used ").append(String.join(" / ", others))
                    .append(" cores during these phases; the figures, and the ratio, carry that noise.\n\n");
        }
        md.append("Where the database sessions were (average of ").append(seats.get("clients"))
                .append(" clients' sessions, sampled from pg_stat_activity):\n\n");
        for (int i = 0; i < phases.size(); i++) {
            md.append("- ").append(heads.get(i)).append(": ").append(topWaits(phases.get(i), 4)).append('\n');
        }
        md.append('\n');
        if (service.get("db_statements") != null) {
            md.append("Service's statements by execution time per assignment (pg_stat_statements): ");
            md.append(statements((List<Map<String, Object>>) service.get("db_statements"), 3, "exec_ms_per_assignment", 2)).append(".\n\n");
        }
        if (service.get("stall") != null) {
            md.append("**Stall**: ").append(service.get("stall")).append(".\n\n");
        }
        Map<String, Object> sm = (Map<String, Object>) service.get("service_metrics");
        md.append("Service side: mean time in the service ").append(fmt(number(sm, "server_mean_ms"), 2))
                .append(" ms per call; GC pauses ").append(sm.get("gc_pause_total_ms")).append(" ms in ")
                .append(sm.get("gc_pauses")).append("; outbox rows unsent at the end of the window ")
                .append(service.get("outbox_unsent_at_end")).append(", all published ")
                .append(service.get("outbox_drain_s") == null ? "**not within 60 s**" : service.get("outbox_drain_s") + " s later")
                .append(".\n");
        Map<String, Object> threads = (Map<String, Object>) ((Map<String, Object>) service.get("cpu")).get("cores_by_thread_of_service");
        if (threads != null && !threads.isEmpty()) {
            md.append("Service CPU by thread (cores): ");
            StringBuilder t = new StringBuilder();
            threads.forEach((k, v) -> t.append(t.isEmpty() ? "" : ", ").append(k).append(' ').append(fmt(((Number) v).doubleValue(), 2)));
            md.append(t).append(".\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static void importsMarkdown(StringBuilder md, Map<String, Object> im) {
        if (!section(md, "imports: CSV import of users (user-service)", im)) {
            return;
        }
        Map<String, Object> warm = (Map<String, Object>) im.get("warmup");
        md.append(String.format(Locale.ROOT, "One file of %,d rows (%,d bytes: %s), uploaded by the super admin as multipart "
                        + "(`mode=ADD`, `skipDuplicatesBy=EMAIL`), polled every %s ms until COMPLETED; organization with %,d regular "
                        + "seats. A warm-up import of %,d rows into another organization ran first (%s rows/s).\n\n",
                ((Number) im.get("rows")).intValue(), ((Number) im.get("file_bytes")).longValue(), im.get("file"), im.get("poll_ms"),
                ((Number) im.get("purchased_seats")).intValue(), ((Number) im.get("warmup_rows")).intValue(),
                warm == null ? "n/a" : fmt(number(warm, "rows_per_s"), 0)));
        Map<String, Object> chunks = (Map<String, Object>) im.get("chunks");
        Map<String, Object> sm = (Map<String, Object>) im.get("service_metrics");
        md.append("| | |\n|---|---:|\n");
        md.append("| **throughput, upload → COMPLETED** | **").append(fmt(number(im, "rows_per_s"), 0)).append(" rows/s** |\n");
        md.append("| total | ").append(fmt(number(im, "total_s"), 2)).append(" s |\n");
        md.append("| time to the 202 answer (upload + whole-file check) | ").append(fmt(number(im, "accepted_ms"), 0)).append(" ms |\n");
        md.append("| 202 → COMPLETED (background import) | ").append(fmt(number(im, "background_s"), 2)).append(" s |\n");
        if (im.get("server_running_s") != null) {
            md.append("| server: queued → started / started → finished | ").append(im.get("server_queued_ms")).append(" ms / ")
                    .append(fmt(number(im, "server_running_s"), 2)).append(" s |\n");
        }
        if (chunks != null && chunks.get("first_step_ms") != null) {
            md.append("| per chunk of 500 rows (from the polled progress) | first ").append(fmt(number(chunks, "first_step_ms"), 0))
                    .append(" ms, then median ").append(fmt(number(chunks, "later_ms_per_500_rows_median"), 0)).append(" ms (")
                    .append(fmt(number(chunks, "later_ms_per_500_rows_min"), 0)).append("–")
                    .append(fmt(number(chunks, "later_ms_per_500_rows_max"), 0)).append(") |\n");
        }
        if (sm != null) {
            md.append("| licensing seat-batch calls | ").append(sm.get("licensing_seat_batch_calls")).append(", mean ")
                    .append(fmt(number(sm, "licensing_seat_batch_mean_ms"), 1)).append(" ms (")
                    .append(fmt(number(sm, "licensing_seat_batch_share_of_total") * 100, 1)).append(" % of the total) |\n");
        }
        Map<String, Object> c = (Map<String, Object>) im.get("check");
        md.append("| correctness check | ").append(Boolean.TRUE.equals(c.get("ok"))
                ? "ok (added " + c.get("added") + ", licensing assigned " + c.get("licensing_assigned") + ", users " + c.get("users_by_status")
                + ", outbox joined+invited " + c.get("outbox_user_events") + ")"
                : "**FAILED** " + c.get("problems")).append(" |\n");
        md.append("| CPU, cores used (of ").append(((Map<?, ?>) im.get("cpu")).get("cpus")).append(") | ").append(cpu(im)).append(" |\n");
        Map<String, Object> perRows = (Map<String, Object>) im.get("cpu_core_s_per_1000_rows");
        if (perRows != null) {
            StringBuilder t = new StringBuilder();
            perRows.forEach((k, v) -> t.append(t.isEmpty() ? "" : ", ").append(k).append(' ').append(fmt(((Number) v).doubleValue(), 2)));
            md.append("| CPU per 1,000 rows, core-seconds (system under test; 1,000 rows/s on 2 cores allows ≤ 2.0) | ").append(t).append(" |\n");
        }
        md.append('\n');
        md.append("**").append(fmt(number(im, "rows_per_s"), 0)).append(" rows/s** (target ≥ ")
                .append(fmt(number(im, "target_rows_per_s"), 0)).append(" rows/s): ")
                .append(Boolean.TRUE.equals(im.get("meets_target")) ? "**met**" : "**not met**").append(".\n\n");
        double other = number((Map<String, Object>) ((Map<String, Object>) im.get("cpu")).get("cores_by_process"), "other");
        if (other > NOISY_OTHER_CORES) {
            md.append("**Shared machine**: processes outside the benchmark used ").append(fmt(other, 2))
                    .append(" cores during the import; the figure carries that noise.\n\n");
        }
        md.append("Outbox: ").append(im.get("outbox_unsent_at_completion")).append(" of the organization's events unsent at COMPLETED, all published ")
                .append(im.get("outbox_drain_s") == null ? "**not within 120 s**" : im.get("outbox_drain_s") + " s later").append(".\n");
        for (String side : List.of("user_service", "licensing_service")) {
            List<Map<String, Object>> st = (List<Map<String, Object>>) im.get("db_statements_" + side);
            if (st != null && !st.isEmpty()) {
                md.append(side.replace('_', '-')).append("'s statements by execution time per row (pg_stat_statements): ");
                md.append(statements(st, 3, "exec_ms_per_row", 3)).append(".\n");
            }
            Map<String, Object> threads = (Map<String, Object>) ((Map<String, Object>) im.get("cpu")).get("cores_by_thread_of_" + side);
            if (threads != null && !threads.isEmpty()) {
                md.append(side.replace('_', '-')).append(" CPU by thread (cores): ");
                StringBuilder t = new StringBuilder();
                threads.forEach((k, v) -> t.append(t.isEmpty() ? "" : ", ").append(k).append(' ').append(fmt(((Number) v).doubleValue(), 2)));
                md.append(t).append(".\n");
            }
        }
        md.append("Database sessions (average, sampled from pg_stat_activity): user-service ")
                .append(topWaits(Map.of("db_waits", im.get("db_waits_user_service")), 4)).append("; licensing-service ")
                .append(topWaits(Map.of("db_waits", im.get("db_waits_licensing_service")), 4)).append(".\n");
        Map<String, Object> stacks = (Map<String, Object>) im.get("stack_profile_user_import");
        if (stacks != null) {
            md.append("\nWall-clock profile of the import thread (").append(stacks.get("samples")).append(" thread dumps, ")
                    .append(stacks.get("mean_dump_ms")).append(" ms each; the dumps slow the import a little):\n\n");
            ((Map<String, Object>) stacks.get("by_activity")).forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append(" %\n"));
            md.append("\nInnermost Kaigi frame:\n\n");
            ((Map<String, Object>) stacks.get("by_innermost_kaigi_frame")).entrySet().stream().limit(8)
                    .forEach(e -> md.append("- `").append(e.getKey()).append("`: ").append(e.getValue()).append(" %\n"));
        }
    }

    @SuppressWarnings("unchecked")
    private static void bookingsMarkdown(StringBuilder md, Map<String, Object> b) {
        if (!section(md, "bookings: POST /api/v1/bookings over a 20-host pool with caps (scheduling-service)", b)) {
            return;
        }
        Map<String, Object> service = (Map<String, Object>) b.get("service");
        Map<String, Object> pgbench = (Map<String, Object>) b.get("pgbench");
        md.append("Closed model, one fresh organization per client count (20 hosts, every day 09:00–18:00 Tokyo, daily caps 6/8/10/12, ")
                .append("30-minute meetings, 160 requests per local day so the small caps fill); service warm-up ")
                .append(service.get("warmup_s")).append(" s at 16 clients, then per phase ").append(service.get("phase_warmup_s"))
                .append(" s discarded and ").append(service.get("duration_s")).append(" s measured. Baseline: pgbench ")
                .append("[`bookings/book.pgbench`](../bookings/book.pgbench) with the same client count, after the service was stopped.\n\n");
        md.append("| clients | service bookings/s | pgbench tps | ratio | service p50 / p90 / p99 / max (ms) | pgbench p50 / p99 / max (ms) | 409 no-host-available | check (service; pgbench) | CPU other (service; pgbench) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        List<Map<String, Object>> phases = (List<Map<String, Object>>) service.get("phases");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) b.get("by_clients");
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            Map<String, Object> phase = phases.get(i);
            Map<String, Object> pg = (Map<String, Object>) pgbench.get(String.valueOf(row.get("clients")));
            Map<String, Object> sl = (Map<String, Object>) row.get("service_latency");
            md.append("| ").append(row.get("clients")).append(" | ").append(fmt(number(row, "service_bookings_per_s"), 1)).append(" | ")
                    .append(pg == null ? "n/a" : fmt(number(pg, "throughput_per_s"), 1)).append(" | ")
                    .append(row.get("ratio") == null ? "n/a" : fmt(number(row, "ratio") * 100, 1) + " %").append(" | ")
                    .append(fmt(number(sl, "p50_ms"), 1)).append(" / ").append(fmt(number(sl, "p90_ms"), 1)).append(" / ")
                    .append(fmt(number(sl, "p99_ms"), 1)).append(" / ").append(fmt(number(sl, "max_ms"), 1)).append(" | ");
            if (pg != null) {
                Map<String, Object> pl = (Map<String, Object>) pg.get("latency");
                md.append(fmt(number(pl, "p50_ms"), 2)).append(" / ").append(fmt(number(pl, "p99_ms"), 2)).append(" / ").append(fmt(number(pl, "max_ms"), 1));
            } else {
                md.append("n/a");
            }
            md.append(" | ").append(phase.get("no_host_available")).append(" | ").append(bookingCheck((Map<String, Object>) phase.get("check")))
                    .append("; ").append(pg == null ? "n/a" : bookingCheck((Map<String, Object>) pg.get("check"))).append(" | ")
                    .append(fmt(number((Map<String, Object>) ((Map<String, Object>) phase.get("cpu")).get("cores_by_process"), "other"), 2))
                    .append("; ").append(pg == null ? "n/a" : fmt(number((Map<String, Object>) ((Map<String, Object>) pg.get("cpu")).get("cores_by_process"), "other"), 2))
                    .append(" |\n");
        }
        md.append('\n');
        for (Map<String, Object> row : rows) {
            if (Integer.valueOf(16).equals(row.get("clients"))) {
                Map<String, Object> sl = (Map<String, Object>) row.get("service_latency");
                md.append("**At 16 clients: service / pgbench ").append(row.get("ratio") == null ? "n/a" : fmt(number(row, "ratio") * 100, 1) + " %")
                        .append("** (target ≥ 40 %: ").append(Boolean.TRUE.equals(row.get("meets_ratio_target")) ? "**met**" : "**not met**")
                        .append("), **p99 ").append(fmt(number(sl, "p99_ms"), 1)).append(" ms** (target ≤ 50 ms: ")
                        .append(Boolean.TRUE.equals(row.get("meets_p99_target")) ? "**met**" : "**not met**").append(").\n\n");
            }
        }
        for (Map<String, Object> phase : phases) {
            Map<String, Object> sm = (Map<String, Object>) phase.get("service_metrics");
            md.append("- ").append(phase.get("clients")).append(" clients: p99 by ").append(ClosedLoop.STRETCH_S)
                    .append(" s of the window ").append(stretches(phase)).append(" ms; mean time in the service ")
                    .append(sm == null ? "n/a" : fmt(number(sm, "server_mean_ms"), 2)).append(" ms per 201; CPU ").append(cpu(phase))
                    .append("; sessions ").append(topWaits(phase, 3)).append("; outbox drained ")
                    .append(phase.get("outbox_drain_s") == null ? "**not within 60 s**" : phase.get("outbox_drain_s") + " s after the window")
                    .append(".\n");
        }
        Map<String, Object> p16 = phases.stream().filter(p -> Integer.valueOf(16).equals(p.get("clients"))).findFirst().orElse(null);
        if (p16 != null && p16.get("db_statements") != null) {
            md.append("\nService's statements at 16 clients by execution time per booking (pg_stat_statements): ");
            md.append(statements((List<Map<String, Object>>) p16.get("db_statements"), 5, "exec_ms_per_booking", 3)).append(".\n");
            Map<String, Object> threads = (Map<String, Object>) ((Map<String, Object>) p16.get("cpu")).get("cores_by_thread_of_service");
            if (threads != null && !threads.isEmpty()) {
                StringBuilder t = new StringBuilder();
                threads.forEach((k, v) -> t.append(t.isEmpty() ? "" : ", ").append(k).append(' ').append(fmt(((Number) v).doubleValue(), 2)));
                md.append("Service CPU by thread at 16 clients (cores): ").append(t).append(".\n");
            }
        }
        Map<String, Object> hot = (Map<String, Object>) service.get("hot_host");
        if (hot != null) {
            Map<String, Object> l = (Map<String, Object>) hot.get("latency");
            Map<String, Object> c = (Map<String, Object>) hot.get("check");
            md.append("\n**Hot host**: ").append(hot.get("clients")).append(" clients at once on one host-day with cap ").append(hot.get("cap"))
                    .append(", ").append(hot.get("rounds")).append(" rounds (a new day each, after 2 warm-up rounds): ")
                    .append(hot.get("rounds_with_exactly_cap")).append(" rounds with exactly ").append(hot.get("cap"))
                    .append(" booked and the rest 409 (").append(hot.get("outcomes")).append("); latency of all answers p50 ")
                    .append(fmt(number(l, "p50_ms"), 1)).append(" / p90 ").append(fmt(number(l, "p90_ms"), 1)).append(" / **p99 ")
                    .append(fmt(number(l, "p99_ms"), 1)).append(" ms** / max ").append(fmt(number(l, "max_ms"), 1))
                    .append(" ms (each round's 64 requests arrive together, so this includes queueing behind the others); check ")
                    .append(Boolean.TRUE.equals(c.get("ok")) ? "ok (" + c.get("bookings") + " bookings, 0 over cap, 0 overlaps)" : "**FAILED** " + c.get("problems"))
                    .append(".\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static void reschedulesMarkdown(StringBuilder md, Map<String, Object> r) {
        if (!section(md, "reschedules: POST /api/v1/bookings/{id}/reschedule over a 20-host pool with caps (scheduling-service)", r)) {
            return;
        }
        Map<String, Object> service = (Map<String, Object>) r.get("service");
        Map<String, Object> pgbench = (Map<String, Object>) r.get("pgbench");
        md.append("Closed model, ").append(service.get("clients")).append(" clients on a fresh organization (the bookings' pool: 20 hosts, ")
                .append("every day 09:00–18:00 Tokyo, daily caps 6/8/10/12); ").append(service.get("meetings"))
                .append(" meetings booked through the API first, then each client moves its own in turn, each move to the next day ")
                .append("30 minutes later; ").append(service.get("warmup_s")).append(" s warm-up discarded, ").append(service.get("duration_s"))
                .append(" s measured. Baseline: pgbench [`reschedules/move.pgbench`](../reschedules/move.pgbench) with the same client ")
                .append("count, one booking a client, after the service was stopped.\n\n");
        List<Map<String, Object>> phases = new ArrayList<>();
        List<String> heads = new ArrayList<>(List.of("scheduling-service (HTTP)"));
        phases.add(service);
        if (pgbench != null) {
            phases.add(pgbench);
            heads.add("pgbench: bare SQL (baseline)");
        }
        md.append("| |");
        heads.forEach(h -> md.append(' ').append(h).append(" |"));
        md.append("\n|---|");
        heads.forEach(h -> md.append("---:|"));
        md.append('\n');
        row(md, "throughput", phases, p -> fmt(number(p, "throughput_per_s"), 1) + (p == service ? " moves/s" : " tps"));
        row(md, "p50 / p90 / p99 / max", phases, p -> {
            Map<String, Object> l = (Map<String, Object>) p.get("latency");
            return fmt(number(l, "p50_ms"), 1) + " / " + fmt(number(l, "p90_ms"), 1) + " / " + fmt(number(l, "p99_ms"), 1) + " / "
                    + fmt(number(l, "max_ms"), 1) + " ms";
        });
        row(md, "409 (no host) / failed", phases, p -> String.valueOf(p == service ? p.get("no_host_available") : p.get("failed_transactions")));
        row(md, "correctness check", phases, p -> {
            Map<String, Object> c = (Map<String, Object>) p.get("check");
            return Boolean.TRUE.equals(c.get("ok"))
                    ? "ok: " + c.get("bookings") + " booked = counters, " + c.get("overlaps") + " overlaps, " + c.get("sequence_total")
                    + " moves = sequences = events"
                    : "**FAILED** " + c.get("problems");
        });
        row(md, "CPU, cores used (of " + ((Map<?, ?>) service.get("cpu")).get("cpus") + ")", phases, Report::cpu);
        md.append('\n');
        md.append("**Service / pgbench ").append(r.get("ratio") == null ? "n/a" : fmt(number(r, "ratio") * 100, 1) + " %")
                .append("** (target ≥ 40 %: ").append(Boolean.TRUE.equals(r.get("meets_ratio_target")) ? "**met**" : "**not met**")
                .append("), **p99 ").append(fmt(number(r, "p99_ms"), 1)).append(" ms** (target ≤ 60 ms: ")
                .append(Boolean.TRUE.equals(r.get("meets_p99_target")) ? "**met**" : "**not met**").append(").\n\n");
        Map<String, Object> sm = (Map<String, Object>) service.get("service_metrics");
        md.append("Moves that went to another host (the host was not free at the new time): ").append(service.get("moves_to_another_host"))
                .append(" of ").append(((Map<?, ?>) service.get("check")).get("sequence_total")).append("; p99 by ")
                .append(ClosedLoop.STRETCH_S).append(" s of the window ").append(stretches(service)).append(" ms; mean time in the service ")
                .append(sm == null ? "n/a" : fmt(number(sm, "server_mean_ms"), 2)).append(" ms per 200; sessions ")
                .append(topWaits(service, 3)).append("; outbox drained ")
                .append(service.get("outbox_drain_s") == null ? "**not within 60 s**" : service.get("outbox_drain_s") + " s after the window")
                .append(".\n");
        if (service.get("db_statements") != null) {
            md.append("Service's statements by execution time per move (pg_stat_statements): ")
                    .append(statements((List<Map<String, Object>>) service.get("db_statements"), 5, "exec_ms_per_move", 3)).append(".\n");
        }
    }

    /** Starts a benchmark's section; false, with the failure written, when the benchmark left no result. */
    private static boolean section(StringBuilder md, String title, Map<String, Object> b) {
        md.append(md.toString().contains("\n## ") ? "\n" : "").append("## ").append(title).append("\n\n");
        if (b.get("error") != null) {
            md.append("**FAILED**: ").append(b.get("error")).append("\n");
            return false;
        }
        return true;
    }

    /** The first {@code n} statements of pg_stat_statements' list: "`query…` 0.123 ms; …" by their figure {@code perKey}. */
    private static String statements(List<Map<String, Object>> st, int n, String perKey, int decimals) {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < Math.min(n, st.size()); i++) {
            Map<String, Object> s = st.get(i);
            String q = String.valueOf(s.get("query"));
            md.append(i == 0 ? "" : "; ").append('`').append(q, 0, Math.min(60, q.length())).append("…` ")
                    .append(fmt(number(s, perKey), decimals)).append(" ms");
        }
        return md.toString();
    }

    private static String bookingCheck(Map<String, Object> c) {
        if (c == null) {
            return "n/a";
        }
        return Boolean.TRUE.equals(c.get("ok"))
                ? "ok: " + c.get("bookings") + " booked = counters = events, " + c.get("cap_violations") + " over cap, " + c.get("overlaps") + " overlaps"
                + (c.get("host_days_at_cap") != null ? ", " + c.get("host_days_at_cap") + " host-days at cap" : "")
                : "**FAILED** " + c.get("problems");
    }

    @SuppressWarnings("unchecked")
    private static void availabilityMarkdown(StringBuilder md, Map<String, Object> a) {
        if (!section(md, "availability: 14 days of a 50-host pool with a month of bookings (scheduling-service)", a)) {
            return;
        }
        Map<String, Object> l = (Map<String, Object>) a.get("latency");
        Map<String, Object> ls = (Map<String, Object>) a.get("latency_from_send");
        Map<String, Object> c = (Map<String, Object>) a.get("check");
        Map<String, Object> sm = (Map<String, Object>) a.get("service_metrics");
        md.append("`GET /api/v1/meeting-types/{id}/availability`, ").append(a.get("range")).append(", 15-minute slots; open model at ")
                .append(a.get("rate_per_s")).append(" requests/s (latency from when each request was due), after a ").append(a.get("warmup_s"))
                .append(" s warm-up of two closed-loop clients, ").append(a.get("duration_s")).append(" s measured, ").append(a.get("requests")).append(" requests.");
        if (a.get("seeded_exceptions") instanceof Map<?, ?> x) {
            md.append(" Besides the weekly schedules (AVL-01..03): ").append(x.get("date_overrides")).append(" date overrides (")
                    .append(x.get("date_overrides_in_range")).append(" in the range), ").append(x.get("time_off")).append(" absences (")
                    .append(x.get("time_off_in_range")).append(" in the range), holiday calendar ").append(x.get("holiday_calendar"))
                    .append(" and ").append(x.get("own_closed_days")).append(" closed days of the organization's own (in the range: ")
                    .append(x.get("own_closed_days_in_range")).append(").");
        }
        md.append("\n\n");
        md.append("| | p50 | p90 | p99 | max |\n|---|---:|---:|---:|---:|\n");
        md.append("| latency (from due time) | ").append(fmt(number(l, "p50_ms"), 1)).append(" ms | ").append(fmt(number(l, "p90_ms"), 1))
                .append(" ms | ").append(fmt(number(l, "p99_ms"), 1)).append(" ms | ").append(fmt(number(l, "max_ms"), 1)).append(" ms |\n");
        md.append("| latency (from send) | ").append(fmt(number(ls, "p50_ms"), 1)).append(" ms | ").append(fmt(number(ls, "p90_ms"), 1))
                .append(" ms | ").append(fmt(number(ls, "p99_ms"), 1)).append(" ms | ").append(fmt(number(ls, "max_ms"), 1)).append(" ms |\n\n");
        md.append("**p99 from send ").append(fmt(number(ls, "p99_ms"), 1)).append(" ms** (target ≤ 30 ms server side; from the due time ")
                .append(fmt(number(l, "p99_ms"), 1)).append(" ms): ")
                .append(Boolean.TRUE.equals(a.get("meets_target")) ? "**met**" : "**not met**").append(". Mean time in the service ")
                .append(sm == null ? "n/a" : fmt(number(sm, "server_mean_ms"), 2)).append(" ms; CPU ").append(cpu(a)).append(".\n");
        md.append("Check: ").append(Boolean.TRUE.equals(c.get("ok"))
                ? "ok (" + c.get("slots_shown") + " slots shown = the slots the seed leaves free, computed independently"
                        + (c.containsKey("slots_on_closed_days") ? "; slots on the closed days " + c.get("slots_on_closed_days")
                        + ", JP holidays in the range " + c.get("calendar_holidays_in_range") : "") + "; every answer identical)"
                : "**FAILED** " + c.get("problems")).append(".\n");
        double other = number((Map<String, Object>) ((Map<String, Object>) a.get("cpu")).get("cores_by_process"), "other");
        if (other > NOISY_OTHER_CORES) {
            md.append("**Shared machine**: processes outside the benchmark used ").append(fmt(other, 2)).append(" cores.\n");
        }
    }

    /** A phase's p99 per stretch of its window, "a / b / c"; "n/a" for runs from before they were kept. */
    private static String stretches(Map<String, Object> phase) {
        if (!(phase.get("p99_ms_by_stretch") instanceof List<?> p99s) || p99s.isEmpty()) {
            return "n/a";
        }
        return p99s.stream().map(v -> fmt(((Number) v).doubleValue(), 1)).collect(Collectors.joining(" / "));
    }

    @SuppressWarnings("unchecked")
    private static String topWaits(Map<String, Object> phase, int n) {
        Map<String, Object> waits = (Map<String, Object>) phase.get("db_waits");
        if (waits == null) {
            return "n/a";
        }
        StringBuilder s = new StringBuilder();
        ((Map<String, Object>) waits.get("avg_sessions")).entrySet().stream().limit(n).forEach(e ->
                s.append(s.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(fmt(((Number) e.getValue()).doubleValue(), 1)));
        return s.toString();
    }

    private static String errors(Map<String, Object> service) {
        Map<?, ?> errors = (Map<?, ?>) service.get("errors");
        long unavailable = ((Number) service.get("seat_unavailable")).longValue();
        if (errors.isEmpty() && unavailable == 0) {
            return "0";
        }
        StringBuilder s = new StringBuilder();
        errors.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(": ").append(v));
        if (unavailable > 0) {
            s.append(s.isEmpty() ? "" : ", ").append("seat-unavailable: ").append(unavailable);
        }
        return s.toString();
    }

    @SuppressWarnings("unchecked")
    private static String cpu(Map<String, Object> phase) {
        Map<String, Object> cpu = (Map<String, Object>) phase.get("cpu");
        Map<String, Object> by = (Map<String, Object>) cpu.get("cores_by_process");
        StringBuilder s = new StringBuilder();
        by.forEach((k, v) -> s.append(s.isEmpty() ? "" : ", ").append(k).append(' ').append(fmt(((Number) v).doubleValue(), 2)));
        return fmt(number(cpu, "machine_busy_cores"), 2) + " busy: " + s;
    }

    private interface Cell {
        String of(Map<String, Object> phase);
    }

    private static void row(StringBuilder md, String label, List<Map<String, Object>> phases, Cell cell) {
        md.append("| ").append(label).append(" |");
        for (Map<String, Object> p : phases) {
            String v;
            try {
                v = cell.of(p);
            } catch (RuntimeException e) {
                v = "n/a";
            }
            md.append(' ').append(v).append(" |");
        }
        md.append('\n');
    }

    static double number(Map<String, Object> map, String key) {
        Object v = map.get(key);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
