package dev.kaigi.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service reads from its environment: every {@code ${VAR}} or {@code ${VAR:default}} in its
 * application.properties and in the chassis defaults, outside the dev and test profiles.
 */
record ServiceConfiguration(String service, Map<String, String> variables, int httpPort) {

    static final List<String> SERVICES = List.of("user-service", "scheduling-service", "licensing-service", "integration-service");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    /** Stands for "no default": the service does not start without the variable. */
    static final String REQUIRED = "<required>";

    static Path root() {
        return Path.of(System.getProperty("kaigi.root", "..")).toAbsolutePath().normalize();
    }

    static ServiceConfiguration of(String service) {
        Map<String, String> variables = new LinkedHashMap<>();
        read(root().resolve("service-chassis/src/main/resources/META-INF/microprofile-config.properties"), variables);
        read(root().resolve(service).resolve("src/main/resources/application.properties"), variables);
        String portVariable = "KAIGI_" + service.replace("-service", "").toUpperCase() + "_PORT";
        String port = variables.get(portVariable);
        if (port == null || port.equals(REQUIRED)) {
            throw new IllegalStateException(service + " has no quarkus.http.port=${" + portVariable + ":port}");
        }
        return new ServiceConfiguration(service, variables, Integer.parseInt(port));
    }

    boolean reads(String variable) {
        return variables.containsKey(variable);
    }

    String portVariable() {
        return "KAIGI_" + service.replace("-service", "").toUpperCase() + "_PORT";
    }

    private static void read(Path file, Map<String, String> variables) {
        try {
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || trimmed.startsWith("%dev.") || trimmed.startsWith("%test.")) {
                    continue;
                }
                Matcher m = REFERENCE.matcher(trimmed);
                while (m.find()) {
                    variables.put(m.group(1), m.group(2) == null ? REQUIRED : m.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
