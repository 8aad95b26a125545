package dev.kaigi.user.team;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** A team as the API shows it. */
@Schema(name = "Team")
public record TeamView(UUID id, @Schema(example = "Inside sales") String name, Instant createdAt, long version) {

    static TeamView of(Team t) {
        return new TeamView(t.id, t.name, t.createdAt, t.version);
    }
}
