package dev.kaigi.user.csvimport;

import dev.kaigi.user.team.Team;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The teams cell of an import row: team names separated by semicolons (half- or full-width),
 * matched ignoring case. Teams are not created by import: a misspelt name fails the row rather
 * than making a new team.
 */
final class ImportTeams {

    /** The teams' ids, or the first name that is not a team of the organization. */
    record Resolved(Set<UUID> ids, String unknown) {
    }

    private final Map<String, UUID> byName = new HashMap<>();

    private ImportTeams() {
    }

    static ImportTeams of(List<Team> teams) {
        ImportTeams t = new ImportTeams();
        teams.forEach(team -> t.byName.put(key(team.name), team.id));
        return t;
    }

    Resolved resolve(String cell) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (cell == null) {
            return new Resolved(ids, null);
        }
        for (String name : cell.split("[;；]")) {
            if (name.isBlank()) {
                continue;
            }
            UUID id = byName.get(key(name));
            if (id == null) {
                return new Resolved(Set.of(), name.strip());
            }
            ids.add(id);
        }
        return new Resolved(ids, null);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
