package dev.kaigi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The footprint benchmark's part of the report: per application its start-to-ready time and RSS
 * against their targets (ready in 3 s, RSS at most 250 MB), and the services' plain read rate as a
 * share of the bare Quarkus application's (the framework ceiling measured in the same run).
 */
final class FootprintReport {

    static final double READY_TARGET_MS = 3_000;
    static final double RSS_TARGET_MB = 250;
    static final String BARE = "bare-quarkus";

    private FootprintReport() {
    }

    /** The footprint-*.json files of a run, or null when the benchmark did not run. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> collect(Path runDir) throws IOException {
        if (!Files.exists(runDir.resolve("footprint.started"))) {
            return null;
        }
        Map<String, Object> apps = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(runDir)) {
            files.filter(f -> f.getFileName().toString().matches("footprint-.+\\.json")).sorted()
                    .forEach(f -> {
                        Map<String, Object> app = Json.read(f);
                        apps.put((String) app.get("name"), app);
                    });
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("question", "Each application alone: start-to-ready time (second start, migrated database) and RSS after warm-up; "
                + "the services' plain authenticated read against a bare Quarkus REST + Panache read in the same run");
        result.put("target_ready_ms", READY_TARGET_MS);
        result.put("target_rss_mb", RSS_TARGET_MB);
        result.put("apps", apps);
        boolean correct = !apps.isEmpty();
        boolean meets = correct;
        double bareRead = apps.get(BARE) instanceof Map<?, ?> bare ? readRate((Map<String, Object>) bare) : Double.NaN;
        for (Map.Entry<String, Object> e : apps.entrySet()) {
            Map<String, Object> app = (Map<String, Object>) e.getValue();
            boolean appMeets = Report.number(app, "ready_ms") <= READY_TARGET_MS
                    && Report.number(app, "rss_mb_after_warmup") <= RSS_TARGET_MB;
            app.put("meets_targets", appMeets);
            if (!e.getKey().equals(BARE)) {
                if (!Double.isNaN(bareRead)) {
                    app.put("read_ratio_to_bare", Latency.round(readRate(app) / bareRead, 3));
                }
                meets &= appMeets;
            }
            correct &= Boolean.TRUE.equals(app.get("correct"));
        }
        result.put("correct", correct);
        result.put("meets_target", meets);
        return result;
    }

    @SuppressWarnings("unchecked")
    private static double readRate(Map<String, Object> app) {
        Map<String, Object> ops = (Map<String, Object>) app.get("operations");
        Map<String, Object> read = (Map<String, Object>) ops.values().iterator().next();
        return Report.number(read, "per_s");
    }

    @SuppressWarnings("unchecked")
    static void markdown(StringBuilder md, Map<String, Object> f) {
        md.append(md.toString().contains("\n## ") ? "\n" : "").append("## footprint: start-up, memory and plain CRUD of each application alone\n\n");
        Map<String, Object> apps = (Map<String, Object>) f.get("apps");
        md.append("Start-to-ready: from launching `java -jar quarkus-run.jar` (prod profile, default heap settings, the application class-data archive when the JVM options column names it) to the first `200` of ")
                .append("`/q/health/ready`, polled every 50 ms, on a database the first start had migrated. RSS from `/proc`. ")
                .append("Reads: closed loop, each service's `GET /api/v1/caller` with a MEMBER's token (signature checked, caller looked up), ")
                .append("bare-quarkus's `GET /items/{id}` (a row by primary key, no token). Targets: ready ≤ 3 s, RSS ≤ 250 MB.\n\n");
        md.append("| application | JVM options | first start (migrations) | **start-to-ready** | CPU to ready | Quarkus \"started in\" | RSS ready | **RSS after warm-up** | peak RSS | read/s | read p99 | read vs bare | create/s |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Object> e : apps.entrySet()) {
            Map<String, Object> app = (Map<String, Object>) e.getValue();
            Map<String, Object> ops = (Map<String, Object>) app.get("operations");
            Map<String, Object> read = (Map<String, Object>) ops.values().iterator().next();
            Map<String, Object> create = (Map<String, Object>) ops.get("create");
            String opts = String.valueOf(app.getOrDefault("java_opts", ""));
            md.append("| ").append(e.getKey()).append(" | ").append(opts.isBlank() ? "—" : "`" + opts + "`").append(" | ")
                    .append(seconds(app, "first_start_ready_ms")).append(" | **").append(seconds(app, "ready_ms")).append("** | ")
                    .append(fmt(Report.number(app, "cpu_s_to_ready"), 2)).append(" s | ")
                    .append(fmt(Report.number(app, "quarkus_started_in_s"), 2)).append(" s | ")
                    .append(fmt(Report.number(app, "rss_mb_at_ready"), 0)).append(" MB | **")
                    .append(fmt(Report.number(app, "rss_mb_after_warmup"), 0)).append(" MB** | ")
                    .append(fmt(Report.number(app, "peak_rss_mb"), 0)).append(" MB | ")
                    .append(fmt(Report.number(read, "per_s"), 0)).append(" | ")
                    .append(fmt(Report.number((Map<String, Object>) read.get("latency"), "p99_ms"), 1)).append(" ms | ")
                    .append(app.containsKey("read_ratio_to_bare") ? fmt(100 * Report.number(app, "read_ratio_to_bare"), 0) + " %" : "—").append(" | ")
                    .append(create == null ? "—" : fmt(Report.number(create, "per_s"), 0)).append(" |\n");
        }
        md.append("\nTargets (services): ").append(Boolean.TRUE.equals(f.get("meets_target")) ? "**met**" : "**not met**")
                .append("; every call answered 2xx: ").append(Boolean.TRUE.equals(f.get("correct")) ? "yes" : "**no**").append(".\n");
    }

    private static String seconds(Map<String, Object> app, String key) {
        return fmt(Report.number(app, key) / 1000.0, 2) + " s";
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
