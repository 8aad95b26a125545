package dev.kaigi.events.licensing;

import dev.kaigi.events.EventPayload;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.licensing.plan-changed.v1}: the organization moved to another plan. When the new plan
 * has no team-user licences, user-service copies the team permission profile and deactivates the listed users
 * (LIC-06).
 *
 * @param teamLicencesAvailable whether {@code toPlan} includes team-user licences
 * @param teamUserIds the active team users affected by the change; empty when none are
 */
public record PlanChanged(
        UUID orgId,
        Plan fromPlan,
        Plan toPlan,
        boolean teamLicencesAvailable,
        List<UUID> teamUserIds) implements EventPayload {

    public PlanChanged {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(fromPlan, "fromPlan");
        Objects.requireNonNull(toPlan, "toPlan");
        teamUserIds = List.copyOf(Objects.requireNonNull(teamUserIds, "teamUserIds"));
    }

    @Override
    public String partitionKey() {
        return orgId.toString();
    }
}
