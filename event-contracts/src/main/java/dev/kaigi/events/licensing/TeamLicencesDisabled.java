package dev.kaigi.events.licensing;

import dev.kaigi.events.EventPayload;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.licensing.team-licences-disabled.v1}: the organization's team-user licences were
 * disabled, so user-service deactivates every listed team user (LIC-05).
 *
 * @param teamUserIds the users holding a TEAM seat when the licences were disabled
 */
public record TeamLicencesDisabled(
        UUID orgId,
        List<UUID> teamUserIds) implements EventPayload {

    public TeamLicencesDisabled {
        Objects.requireNonNull(orgId, "orgId");
        teamUserIds = List.copyOf(Objects.requireNonNull(teamUserIds, "teamUserIds"));
    }

    @Override
    public String partitionKey() {
        return orgId.toString();
    }
}
