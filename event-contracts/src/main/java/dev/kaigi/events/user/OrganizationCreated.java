package dev.kaigi.events.user;

import dev.kaigi.events.EventPayload;
import java.util.Objects;
import java.util.UUID;

/**
 * Payload of {@code kaigi.user.organization-created.v1}: a new organization exists with its first super admin,
 * whose own membership follows as a {@link UserJoined} with {@link JoinedVia#ORGANIZATION_CREATED}.
 *
 * @param timeZone IANA zone id, e.g. {@code Asia/Tokyo}; new users' work schedules start in it (SCH-05)
 */
public record OrganizationCreated(
        UUID orgId,
        String name,
        UUID superAdminUserId,
        String superAdminEmail,
        String timeZone) implements EventPayload {

    public OrganizationCreated {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(superAdminUserId, "superAdminUserId");
        Objects.requireNonNull(superAdminEmail, "superAdminEmail");
        Objects.requireNonNull(timeZone, "timeZone");
    }

    @Override
    public String partitionKey() {
        return orgId.toString();
    }
}
