package dev.kaigi.bench;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Latency figures of one run, in milliseconds, from a histogram of microseconds. */
final class Latency {

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
