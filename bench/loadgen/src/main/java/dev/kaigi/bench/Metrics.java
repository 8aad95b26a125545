package dev.kaigi.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** A snapshot of the service's Prometheus metrics ({@code /q/metrics}), to subtract one from another. */
final class Metrics {

    private final Map<String, Double> samples;
    final String text;

    private Metrics(String text) {
        this.text = text;
        this.samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            try {
                samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            } catch (RuntimeException e) {
                // not a sample line
            }
        }
    }

    static Metrics fetch(HttpClient http, String baseUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Metrics(r.statusCode() == 200 ? r.body() : "");
        } catch (Exception e) {
            return new Metrics("");
        }
    }

    /** Sum of every sample whose name (with labels) matches. */
    double sum(Predicate<String> name) {
        return samples.entrySet().stream().filter(e -> name.test(e.getKey())).mapToDouble(Map.Entry::getValue).sum();
    }

    static Predicate<String> named(String metric, String... labelFragments) {
        return key -> {
            if (!(key.equals(metric) || key.startsWith(metric + "{"))) {
                return false;
            }
            for (String f : labelFragments) {
                if (!key.contains(f)) {
                    return false;
                }
            }
            return true;
        };
    }

    double delta(Metrics before, Predicate<String> name) {
        return sum(name) - before.sum(name);
    }
}
