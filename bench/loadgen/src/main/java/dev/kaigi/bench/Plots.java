package dev.kaigi.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's PNG plots, drawn from a run's result document: latency by percentile (the whole
 * distribution, service beside its baseline) and throughput by concurrency. Each file is
 * {@code <stamp>.<name>.png} beside the JSON; the caller gets the names written.
 *
 * <p>Latency curves give each kept percentile (see {@link Latency#CURVE_PERCENTILES}) the same
 * width, so the tail from p99 to the maximum is as visible as the body. (Custom tick labels on a
 * numeric axis send XChart 3.8's tick search into a loop; categories avoid it.)
 */
final class Plots {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private final Path dir;
    private final String stamp;
    private final List<String> written = new ArrayList<>();

    private Plots(Path dir, String stamp) {
        this.dir = dir;
        this.stamp = stamp;
    }

    /** Draws every plot the document has data for; returns the file names written. */
    @SuppressWarnings("unchecked")
    static List<String> draw(Map<String, Object> doc, Path dir, String stamp) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Plots plots = new Plots(dir, stamp);
        Map<String, Object> b = (Map<String, Object>) doc.get("benchmarks");
        if (b.get("bookings") instanceof Map<?, ?> bookings && bookings.get("by_clients") instanceof List<?>) {
            plots.bookings((Map<String, Object>) bookings);
        }
        if (b.get("seats") instanceof Map<?, ?> seats && seats.get("error") == null) {
            plots.seats((Map<String, Object>) seats);
        }
        plots.single(b, "availability", "latency", "availability: 14 days, 50 hosts (p99 target 30 ms)", 30);
        plots.single(b, "propagation", "latency", "user-deactivated → host ineligible (p99 target 300 ms)", 300);
        plots.single(b, "effects", "latency", "meeting-booked → side effects done", Double.NaN);
        if (b.get("footprint") instanceof Map<?, ?> footprint && footprint.get("apps") instanceof Map<?, ?>) {
            plots.footprint((Map<String, Object>) footprint);
        }
        return plots.written;
    }

    @SuppressWarnings("unchecked")
    private void bookings(Map<String, Object> bookings) throws IOException {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) bookings.get("by_clients");
        XYChart rate = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("bookings: throughput by concurrent clients (service vs pgbench, same PostgreSQL)")
                .xAxisTitle("concurrent clients").yAxisTitle("bookings per second").build();
        rate.getStyler().setXAxisLogarithmic(true);
        rate.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        double[] clients = rows.stream().mapToDouble(r -> Report.number(r, "clients")).toArray();
        rate.addSeries("scheduling-service POST /bookings", clients, rows.stream().mapToDouble(r -> Report.number(r, "service_bookings_per_s")).toArray())
                .setMarker(SeriesMarkers.CIRCLE);
        rate.addSeries("pgbench, the same three statements", clients, rows.stream().mapToDouble(r -> Report.number(r, "pgbench_tps")).toArray())
                .setMarker(SeriesMarkers.SQUARE);
        save(rate, "bookings-throughput");

        CategoryChart latency = latencyChart("bookings: latency by percentile");
        boolean drawn = false;
        for (Map<String, Object> row : rows) {
            drawn |= addCurve(latency, "service, " + fmt(Report.number(row, "clients")) + " clients", (Map<String, Object>) row.get("service_latency"));
        }
        for (Map<String, Object> row : rows) {
            if (Report.number(row, "clients") == 16) {
                addCurve(latency, "pgbench, 16 clients", (Map<String, Object>) row.get("pgbench_latency"));
            }
        }
        if (drawn) {
            target(latency, 50, "p99 target at 16 clients");
            save(latency, "bookings-latency");
        }
    }

    @SuppressWarnings("unchecked")
    private void seats(Map<String, Object> seats) throws IOException {
        CategoryChart latency = latencyChart("seats: assignment latency by percentile, 16 clients");
        addCurve(latency, "licensing-service", (Map<String, Object>) ((Map<String, Object>) seats.get("service")).get("latency"));
        addCurve(latency, "pgbench", (Map<String, Object>) ((Map<String, Object>) seats.get("pgbench")).get("latency"));
        save(latency, "seats-latency");
    }

    @SuppressWarnings("unchecked")
    private void single(Map<String, Object> benchmarks, String name, String key, String title, double target) throws IOException {
        if (!(benchmarks.get(name) instanceof Map<?, ?> bench) || !(bench.get(key) instanceof Map<?, ?> summary)) {
            return;
        }
        CategoryChart chart = latencyChart(name + ": " + title);
        if (!addCurve(chart, name, (Map<String, Object>) summary)) {
            return;
        }
        if (!Double.isNaN(target)) {
            target(chart, target, "p99 target");
        }
        save(chart, name + "-latency");
    }

    @SuppressWarnings("unchecked")
    private void footprint(Map<String, Object> footprint) throws IOException {
        Map<String, Object> apps = (Map<String, Object>) footprint.get("apps");
        List<String> names = new ArrayList<>(apps.keySet());
        CategoryChart ready = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("footprint: start-to-ready (s) and RSS after warm-up (100 MB), targets 3 s and 250 MB")
                .xAxisTitle("application").yAxisTitle("seconds / hundreds of MB").build();
        ready.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        ready.addSeries("start-to-ready, s", names, names.stream().map(n -> (Number) (Report.number((Map<String, Object>) apps.get(n), "ready_ms") / 1000)).toList());
        ready.addSeries("RSS after warm-up, 100 MB", names, names.stream().map(n -> (Number) (Report.number((Map<String, Object>) apps.get(n), "rss_mb_after_warmup") / 100)).toList());
        save(ready, "footprint");
    }

    private static CategoryChart latencyChart(String title) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("percentile").yAxisTitle("latency, ms").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        chart.getStyler().setOverlapped(true); // every series at the same x for a percentile
        return chart;
    }

    /** A latency distribution as a line over the kept percentiles (one category each, so the tail gets room). */
    @SuppressWarnings("unchecked")
    private static boolean addCurve(CategoryChart chart, String name, Map<String, Object> summary) {
        if (summary == null || !(summary.get("percentiles_ms") instanceof Map<?, ?> curve)) {
            return false; // a result written before the distributions were kept
        }
        List<String> x = new ArrayList<>();
        List<Number> y = new ArrayList<>();
        ((Map<String, Object>) curve).forEach((p, ms) -> {
            x.add(percentileLabel(Double.parseDouble(p)));
            y.add(((Number) ms).doubleValue());
        });
        chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        return true;
    }

    private static void target(CategoryChart chart, double ms, String label) {
        List<String> x = new ArrayList<>();
        List<Number> y = new ArrayList<>();
        for (double p : Latency.CURVE_PERCENTILES) {
            x.add(percentileLabel(p));
            y.add(ms);
        }
        chart.addSeries(label + " (" + fmt(ms) + " ms)", x, y).setMarker(SeriesMarkers.NONE);
    }

    private static String percentileLabel(double p) {
        return p >= 100 ? "max" : new java.math.BigDecimal(String.valueOf(p)).stripTrailingZeros().toPlainString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private void save(Chart<?, ?> chart, String name) throws IOException {
        if (chart.getSeriesMap().isEmpty()) {
            return; // nothing to draw (e.g. a result written before the distributions were kept)
        }
        String file = stamp + "." + name + ".png";
        try (OutputStream out = Files.newOutputStream(dir.resolve(file))) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
        written.add(file);
    }

    /** Redraws a result's plots (and, for a full run, its plots in results/latest): {@code loadgen plots --result bench/results/X.json}. */
    static int redraw(Args args) throws IOException {
        Path result = Path.of(args.get("result"));
        Map<String, Object> doc = new LinkedHashMap<>(Json.read(result));
        String stamp = result.getFileName().toString().replaceFirst("\\.json$", "");
        List<String> written = draw(doc, result.getParent(), stamp);
        written.forEach(System.out::println);
        if (doc.get("run") instanceof Map<?, ?> run && "full".equals(run.get("mode"))) {
            Report.publishLatest(result.getParent(), stamp, written);
        }
        return 0;
    }
}
