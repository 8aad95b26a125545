package dev.kaigi.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.get;

/**
 * The service's {@code /q/metrics} as Prometheus scrapes it, read by a test: the value of one series, found by its
 * exported name and the labels it must carry (others may be there too).
 */
public final class ScrapedMetrics {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    private ScrapedMetrics(String text) {
        this.text = text;
    }

    /** Scrapes the running test application once. */
    public static ScrapedMetrics scrape() {
        return new ScrapedMetrics(get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The value of the series {@code name} with these labels (summed if several match); 0 when there is none. */
    public double value(String name, Map<String, String> labels) {
        return values(name, labels).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Whether the series {@code name} with these labels is exported at all. */
    public boolean has(String name, Map<String, String> labels) {
        return !values(name, labels).isEmpty();
    }

    private List<Double> values(String name, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        for (String line : text.split("\n")) {
            // the value is the first field after the name and labels: an exemplar or a timestamp may follow it
            if (line.startsWith(name + "{")) {
                int labelsEnd = line.indexOf("} ");
                if (matches(line.substring(name.length() + 1, labelsEnd), labels)) {
                    values.add(Double.parseDouble(line.substring(labelsEnd + 2).split(" ")[0]));
                }
            } else if (line.startsWith(name + " ") && labels.isEmpty()) {
                values.add(Double.parseDouble(line.substring(name.length() + 1).split(" ")[0]));
            }
        }
        return values;
    }

    /** Reads the series again: its value now, for an {@link Await}. */
    public static double now(String name, Map<String, String> labels) {
        return scrape().value(name, labels);
    }

    private static boolean matches(String labelText, Map<String, String> wanted) {
        Matcher m = LABEL.matcher(labelText);
        int hits = 0;
        while (m.find()) {
            if (m.group(2).equals(wanted.get(m.group(1)))) {
                hits++;
            }
        }
        return hits == wanted.size();
    }

    @Override
    public String toString() {
        return text;
    }
}
