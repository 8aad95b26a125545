package dev.kaigi.chassis.openapi;

import dev.kaigi.chassis.problem.Problem;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Makes the shared Problem schema the service's own: {@code code} lists the codes this service can
 * answer with (every {@code <code>.title} of its {@code problems.properties} and of the chassis'
 * {@code kaigi-chassis-problems.properties}, the bundles {@code ProblemMessages} reads the texts
 * from), the schema's example is the service's first own problem, and each error response whose
 * status has a shared code carries an example with that code, title and the operation's path.
 */
final class ServiceProblemCodes {

    private static final String SERVICE_BUNDLE = "problems.properties";
    private static final String CHASSIS_BUNDLE = "kaigi-chassis-problems.properties";
    /** The shared code each status is answered with, where one status has one code. */
    private static final Map<String, String> CODE_OF_STATUS = Map.ofEntries(
            Map.entry("400", "validation-failed"), Map.entry("401", "unauthenticated"), Map.entry("403", "forbidden"),
            Map.entry("404", "not-found"), Map.entry("409", "conflict"), Map.entry("412", "precondition-failed"),
            Map.entry("413", "payload-too-large"), Map.entry("415", "unsupported-media-type"),
            Map.entry("428", "precondition-required"), Map.entry("500", "internal-error"),
            Map.entry("503", "service-unavailable"));

    private final ClassLoader loader;

    ServiceProblemCodes(ClassLoader loader) {
        this.loader = loader;
    }

    void apply(OpenAPI openAPI) {
        Schema problem = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                : openAPI.getComponents().getSchemas().get("Problem");
        if (problem == null) {
            return;
        }
        Map<String, String> own = titles(SERVICE_BUNDLE);
        Map<String, String> shared = titles(CHASSIS_BUNDLE);
        TreeSet<String> codes = new TreeSet<>(own.keySet());
        codes.addAll(shared.keySet());
        Map<String, Schema> properties = problem.getProperties();
        properties.get("code").setEnumeration(new ArrayList<>(codes));
        if (!own.isEmpty()) {
            Map.Entry<String, String> first = own.entrySet().iterator().next();
            properties.get("code").setExamples(List.of(first.getKey()));
            properties.get("type").setExamples(List.of(Problem.TYPE_BASE + first.getKey()));
            properties.get("title").setExamples(List.of(first.getValue()));
        }
        Operations.each(openAPI, (path, method, op) -> op.getResponses().getAPIResponses().forEach((status, response) -> {
            String code = CODE_OF_STATUS.get(status);
            if (code == null || !codes.contains(code) || response.getContent() == null) {
                return;
            }
            MediaType media = response.getContent().getMediaType(Problem.MEDIA_TYPE);
            if (media != null && media.getExample() == null && media.getExamples() == null) {
                Map<String, Object> example = new LinkedHashMap<>();
                example.put("type", Problem.TYPE_BASE + code);
                example.put("title", shared.get(code));
                example.put("status", Integer.parseInt(status));
                example.put("instance", path);
                example.put("code", code);
                media.setExample(example);
            }
        }));
    }

    /** {@code code -> English title} of one bundle, in file order. */
    private Map<String, String> titles(String bundle) {
        URL url = loader.getResource(bundle);
        Map<String, String> titles = new LinkedHashMap<>();
        if (url == null) {
            return titles;
        }
        try (InputStream in = url.openStream()) {
            OrderedProperties properties = new OrderedProperties();
            properties.load(in);
            properties.keysInOrder.stream().filter(k -> k.endsWith(".title"))
                    .forEach(k -> titles.put(k.substring(0, k.length() - ".title".length()), properties.getProperty(k)));
            return titles;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Properties that remember the order of the file, so "the first own problem" is the file's first. */
    private static final class OrderedProperties extends Properties {
        private final List<String> keysInOrder = new ArrayList<>();

        @Override
        public synchronized Object put(Object key, Object value) {
            keysInOrder.add((String) key);
            return super.put(key, value);
        }
    }
}
