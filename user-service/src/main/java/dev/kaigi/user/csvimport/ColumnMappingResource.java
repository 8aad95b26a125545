package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;
import java.util.UUID;

/**
 * {@code /api/v1/user-imports/column-mapping}: the organization's own CSV column names mapped to profile
 * fields, applied to every upload beside the built-in header names (BLK-06).
 */
@Path("/api/v1/user-imports/column-mapping")
@Tag(name = "User imports", description = "Bulk creation of users from CSV")
@Produces(MediaType.APPLICATION_JSON)
public class ColumnMappingResource {

    /** The mapping to save. */
    @Schema(name = "ImportColumnMappingRequest")
    public record SaveMapping(@NotNull @Schema(required = true, description = "Column name to profile field "
            + "(email, lastName, firstName, role, userType, permissionProfile, userId, contact, slackMemberId, "
            + "zoomPersonalMeetingUrl, emailSignature, phone, mobile, fax, website, address, otherInfo, teams); "
            + "null ignores the column. At most 100.",
            example = "{\"メール\": \"email\", \"氏\": \"lastName\", \"名\": \"firstName\"}") Map<String, String> columns) {
    }

    @Inject
    ImportPermissions permissions;
    @Inject
    ColumnMappingService mappings;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Operation(summary = "The saved column mapping", description = "OWNER, or a partner with scope users:read. "
            + "Empty columns when none is saved.")
    @APIResponse(responseCode = "200", description = "The mapping; ETag names its version",
            content = @Content(schema = @Schema(implementation = ColumnMappingView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER allowed to import users, nor a partner with scope users:read")
    public Response get() {
        UUID org = permissions.requireView();
        ColumnMappingView saved = mappings.saved(org);
        Response.ResponseBuilder answer = Response.ok(saved);
        return (saved.version() == null ? answer : answer.tag(String.valueOf(saved.version()))).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save the column mapping", description = "Replaces it whole. OWNERs allowed to import users. "
            + "If-Match is optional: with it, the save applies only to that version.")
    @APIResponse(responseCode = "200", description = "The saved mapping",
            content = @Content(schema = @Schema(implementation = ColumnMappingView.class)))
    @APIResponse(responseCode = "400", description = "errors[].field columns.<name>: unknown-profile-field, field-mapped-twice "
            + "(two columns to one field), column-mapped-twice; columns: too-many-columns, invalid-column-name")
    @APIResponse(responseCode = "403", description = "Not an OWNER allowed to import users")
    @APIResponse(responseCode = "412", description = "The mapping changed since it was read")
    public Response save(@Valid @NotNull SaveMapping request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Actor owner = permissions.requireImport();
        ColumnMappingView saved = mappings.save(owner, request.columns(), ETags.expectedVersion(ifMatch));
        return Response.ok(saved).tag(String.valueOf(saved.version())).build();
    }

    @DELETE
    @Operation(summary = "Remove the saved column mapping", description = "Uploads use the built-in header names again. "
            + "OWNERs allowed to import users.")
    @APIResponse(responseCode = "204", description = "Removed, or none was saved")
    @APIResponse(responseCode = "403", description = "Not an OWNER allowed to import users")
    @APIResponse(responseCode = "412", description = "The mapping changed since it was read")
    public void delete(@HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Actor owner = permissions.requireImport();
        mappings.delete(owner, ETags.expectedVersion(ifMatch));
    }
}
