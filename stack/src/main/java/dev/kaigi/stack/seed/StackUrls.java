package dev.kaigi.stack.seed;

import java.util.HashMap;
import java.util.Map;

/** Where the stack's parts listen, as {@code ./kaigi} passes them ({@code --user-url http://localhost:8081} ...). */
public record StackUrls(String user, String scheduling, String licensing, String integration, String keycloak, String simulators) {

    public static StackUrls fromArgs(String[] args) {
        Map<String, String> named = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            named.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return new StackUrls(required(named, "user-url"), required(named, "scheduling-url"), required(named, "licensing-url"),
                required(named, "integration-url"), required(named, "keycloak-url"), required(named, "simulator-url"));
    }

    private static String required(Map<String, String> named, String name) {
        String value = named.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value.replaceAll("/+$", "");
    }
}
