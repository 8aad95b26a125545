package dev.kaigi.user.organization;

import dev.kaigi.user.directory.Organization;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** An organization as the API shows it. */
@Schema(name = "Organization")
public record OrganizationView(UUID id, String name, String timeZone, UUID superAdminUserId, Instant createdAt,
                               @Schema(description = "Whether the organization's SCIM client may make users OWNERs or change an OWNER's role")
                               boolean scimOwnerRoleGrantable) {

    static OrganizationView of(Organization o) {
        return new OrganizationView(o.id, o.name, o.timeZone, o.superAdminUserId, o.createdAt, o.scimOwnerRoleGrantable);
    }
}
