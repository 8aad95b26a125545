package dev.kaigi.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The regression guard: after a run, each headline figure is compared with its limit in
 * {@code bench/guard-<mode>.properties}; a figure on the wrong side fails the run (exit status 3).
 * Rates and ratios have floors, latencies ({@code _ms}), times and memory ({@code _mb}) ceilings.
 * The limits, and why each sits where it does, are written in those files; a benchmark that did
 * not run is not checked.
 */
final class Guard {

    /** Each metric the guard knows, read from a run's result document; NaN when the run has no such figure. */
    private static final Map<String, Function<Map<String, Object>, Double>> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("seats.ratio", d -> at(d, "seats", "ratio"));
        METRICS.put("imports.rows_per_s", d -> at(d, "imports", "rows_per_s"));
        METRICS.put("bookings.ratio_at_16", d -> bookingsAt16(d, "ratio"));
        METRICS.put("bookings.p99_ms_at_16", d -> bookingsAt16(d, "p99_ms"));
        METRICS.put("reschedules.ratio", d -> at(d, "reschedules", "ratio"));
        METRICS.put("reschedules.p99_ms", d -> at(d, "reschedules", "p99_ms"));
        METRICS.put("availability.p99_ms", d -> at(d, "availability", "latency_from_send", "p99_ms"));
        METRICS.put("propagation.p99_ms", d -> at(d, "propagation", "latency", "p99_ms"));
        METRICS.put("effects.p99_ms", d -> at(d, "effects", "latency", "p99_ms"));
        METRICS.put("effects.capacity_per_s", d -> at(d, "effects", "capacity", "events_per_s"));
        METRICS.put("webhooks.p99_ms", d -> at(d, "webhooks", "p99_ms"));
        METRICS.put("webhooks.p99_ms_beside_dead", d -> at(d, "webhooks", "p99_ms_beside_dead"));
        METRICS.put("webhooks.saturation_per_s", d -> at(d, "webhooks", "saturation", "deliveries_per_s"));
        METRICS.put("footprint.ready_ms", d -> worstService(d, "ready_ms", true));
        METRICS.put("footprint.rss_mb", d -> worstService(d, "rss_mb_after_warmup", true));
        METRICS.put("footprint.read_ratio_to_bare", d -> worstService(d, "read_ratio_to_bare", false));
    }

    private Guard() {
    }

    /** One line of the verdict. */
    record Check(String metric, double value, String comparison, double limit, boolean ok) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", metric);
            m.put("value", value);
            m.put("must_be", comparison + " " + limit);
            m.put("ok", ok);
            return m;
        }
    }

    static List<Check> check(Map<String, Object> doc, Path limitsFile) throws IOException {
        List<Check> checks = new ArrayList<>();
        if (!Files.exists(limitsFile)) {
            return checks;
        }
        Properties limits = new Properties();
        try (Reader r = Files.newBufferedReader(limitsFile)) {
            limits.load(r);
        }
        for (String metric : limits.stringPropertyNames().stream().sorted().toList()) {
            Function<Map<String, Object>, Double> read = METRICS.get(metric);
            if (read == null) {
                throw new IllegalArgumentException(limitsFile + ": unknown metric " + metric + " (known: " + METRICS.keySet() + ")");
            }
            double value = read.apply(doc);
            if (Double.isNaN(value)) {
                continue;
            }
            double limit = Double.parseDouble(limits.getProperty(metric).trim());
            boolean ceiling = metric.contains("_ms") || metric.endsWith("_mb");
            checks.add(new Check(metric, value, ceiling ? "<=" : ">=", limit, ceiling ? value <= limit : value >= limit));
        }
        return checks;
    }

    static String markdown(List<Check> checks, Path limitsFile) {
        if (checks.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n## Regression guard (`").append(limitsFile.getFileName()).append("`)\n\n| figure | this run | must be | |\n|---|---:|---:|---|\n");
        for (Check c : checks) {
            md.append("| ").append(c.metric()).append(" | ").append(String.format(Locale.ROOT, "%,.3f", c.value())).append(" | ")
                    .append(c.comparison()).append(' ').append(String.format(Locale.ROOT, "%,.3f", c.limit())).append(" | ")
                    .append(c.ok() ? "ok" : "**REGRESSION**").append(" |\n");
        }
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static double at(Map<String, Object> doc, String... path) {
        Object node = doc.get("benchmarks");
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return Double.NaN;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    @SuppressWarnings("unchecked")
    private static double bookingsAt16(Map<String, Object> doc, String figure) {
        if (!(((Map<String, Object>) doc.get("benchmarks")).get("bookings") instanceof Map<?, ?> bookings)
                || !(bookings.get("by_clients") instanceof List<?> rows)) {
            return Double.NaN;
        }
        for (Object o : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            if (Report.number(row, "clients") == 16) {
                return figure.equals("ratio") ? Report.number(row, "ratio")
                        : Report.number((Map<String, Object>) row.get("service_latency"), figure);
            }
        }
        return Double.NaN;
    }

    /** The worst of the four services (the bare application is the yardstick, not a subject). */
    @SuppressWarnings("unchecked")
    private static double worstService(Map<String, Object> doc, String figure, boolean highestIsWorst) {
        if (!(((Map<String, Object>) doc.get("benchmarks")).get("footprint") instanceof Map<?, ?> footprint)
                || !(footprint.get("apps") instanceof Map<?, ?> apps)) {
            return Double.NaN;
        }
        double worst = Double.NaN;
        for (Map.Entry<?, ?> e : apps.entrySet()) {
            if (FootprintReport.BARE.equals(e.getKey())) {
                continue;
            }
            double v = Report.number((Map<String, Object>) e.getValue(), figure);
            worst = Double.isNaN(worst) ? v : highestIsWorst ? Math.max(worst, v) : Math.min(worst, v);
        }
        return worst;
    }
}
