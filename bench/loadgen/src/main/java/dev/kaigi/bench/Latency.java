package dev.kaigi.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Latency figures of one run, in milliseconds, from a histogram of microseconds. */
final class Latency {

    /** The points of a latency distribution kept in the results: enough to draw it, few enough to read. */
    static final double[] CURVE_PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.75, 99.9, 99.95, 99.99, 100};

    private Latency() {
    }

    static Histogram newHistogram() {
        return new Histogram(TimeUnit.MINUTES.toMicros(2), 3);
    }

    static Map<String, Object> summary(Histogram micros) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("count", micros.getTotalCount());
        s.put("mean_ms", ms(micros.getMean()));
        s.put("stddev_ms", ms(micros.getStdDeviation()));
        s.put("p50_ms", ms(micros.getValueAtPercentile(50)));
        s.put("p90_ms", ms(micros.getValueAtPercentile(90)));
        s.put("p99_ms", ms(micros.getValueAtPercentile(99)));
        s.put("p99_9_ms", ms(micros.getValueAtPercentile(99.9)));
        s.put("max_ms", ms(micros.getMaxValue()));
        // the whole distribution, coarsely, for the report's latency-by-percentile plots
        Map<String, Object> curve = new LinkedHashMap<>();
        for (double p : CURVE_PERCENTILES) {
            curve.put(String.valueOf(p), ms(micros.getValueAtPercentile(p)));
        }
        s.put("percentiles_ms", curve);
        return s;
    }

    static double ms(double micros) {
        return round(micros / 1000.0, 3);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
