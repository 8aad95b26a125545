package dev.kaigi.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options; a name may repeat. */
final class Args {

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    Args(String[] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            String name = argv[i];
            if (!name.startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value at '" + name + "'");
            }
            values.computeIfAbsent(name.substring(2), k -> new ArrayList<>()).add(argv[++i]);
        }
    }

    String get(String name) {
        List<String> v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v.get(v.size() - 1);
    }

    String get(String name, String fallback) {
        return values.containsKey(name) ? get(name) : fallback;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(get(name)) : fallback;
    }

    long pid(String name) {
        return values.containsKey(name) ? Long.parseLong(get(name)) : -1;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
