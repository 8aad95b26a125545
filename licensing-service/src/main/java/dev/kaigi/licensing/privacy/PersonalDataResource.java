package dev.kaigi.licensing.privacy;

import dev.kaigi.chassis.privacy.LeadEmailQuery;
import dev.kaigi.chassis.privacy.PersonalDataPermissions;
import dev.kaigi.events.internal.InternalPaths;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * The internal personal-data API (SEC-04): what licensing-service keeps about a user or a lead, for user-service to
 * gather into an OWNER's export. Service accounts only; the organization is named in the path.
 */
@Path("/")
@Tag(name = "Personal data API for user-service", description = "What this service keeps about a person, for user-service's export and erasure (SEC-04); service tokens only")
@Produces(MediaType.APPLICATION_JSON)
public class PersonalDataResource {

    @Inject
    PersonalDataPermissions permissions;
    @Inject
    LicensingPersonalData data;

    @GET
    @Path(InternalPaths.USER_PERSONAL_DATA)
    @Operation(summary = "What licensing-service keeps about a user",
            description = "The user as user-service announced them, the seat they hold and the audit entries naming them (newest 10,000), which hold their seat assignment history. A user this service does not know has empty sections.")
    @APIResponse(responseCode = "200", description = "The user's data",
            content = @Content(schema = @Schema(implementation = LicensingPersonalData.UserData.class)))
    @APIResponse(responseCode = "403", description = "Not a service account")
    public LicensingPersonalData.UserData user(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId) {
        permissions.requireExport();
        return data.ofUser(orgId, userId);
    }

    @POST
    @Path(InternalPaths.LEAD_PERSONAL_DATA)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "What licensing-service keeps about a lead",
            description = "licensing-service keeps nothing about leads: an empty object, so that user-service can gather every service alike.")
    @APIResponse(responseCode = "200", description = "The lead's data",
            content = @Content(schema = @Schema(implementation = LicensingPersonalData.LeadData.class)))
    @APIResponse(responseCode = "400", description = "email missing or not an address")
    @APIResponse(responseCode = "403", description = "Not a service account")
    public LicensingPersonalData.LeadData lead(@PathParam("orgId") UUID orgId, @Valid @NotNull LeadEmailQuery query) {
        permissions.requireExport();
        return data.ofLead(orgId, query);
    }
}
