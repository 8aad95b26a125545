package dev.kaigi.user.organization;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.text.SingleLine;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.UUID;

/** {@code /api/v1/organizations} (sign-up) and {@code /api/v1/organization} (the caller's own, ORG-01…ORG-03). */
@Path("/api/v1")
@Tag(name = "Organization", description = "The organization's own settings")
@Produces(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    @Inject
    OrganizationPermissions permissions;
    @Inject
    OrganizationService organizations;

    @Schema(name = "CreateOrganizationRequest")
    public record CreateOrganization(@NotBlank @SingleLine @Size(max = 200) @Schema(example = "Acme K.K.") String name,
                                     @Size(max = 64) @Schema(example = "Asia/Tokyo") String timeZone,
                                     @NotBlank @SingleLine @Size(max = 100) @Schema(example = "Tanaka") String lastName,
                                     @SingleLine @Size(max = 100) @Schema(example = "Ken") String firstName) {
    }

    @Schema(name = "ScimSettingsRequest")
    public record ScimSettings(@NotNull @Schema(description = "true lets the SCIM client make users OWNERs and change an OWNER's role")
                               Boolean ownerRoleGrantable) {
    }

    @Schema(name = "TransferSuperAdminRequest")
    public record TransferSuperAdmin(@NotNull UUID userId) {
    }

    @POST
    @Path("/organizations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an organization",
            description = "Sign-up: the caller (a signed-in identity with a verified email and no organization yet) becomes the new organization's super admin and first OWNER (ORG-02).")
    @APIResponse(responseCode = "201", description = "Created; Location names the organization",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "403", description = "The token carries no verified, valid email")
    @APIResponse(responseCode = "409", description = "already-in-organization, or email-taken (ORG-05)")
    public Response create(@Valid @NotNull CreateOrganization request) {
        String email = permissions.requireSignUp();
        OrganizationView org = organizations.create(new OrganizationService.NewOrganization(request.name(),
                request.timeZone(), email, request.lastName(), request.firstName()));
        return Response.created(URI.create("/api/v1/organization")).entity(org).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Path("/organization")
    @Operation(summary = "The caller's organization", description = "Any user, or a partner with scope users:read.")
    @APIResponse(responseCode = "200", description = "The organization",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    public OrganizationView get() {
        UUID org = permissions.requireView();
        return organizations.view(org);
    }

    @POST
    @Path("/organization/super-admin/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand the super-admin flag to another user",
            description = "Only the super admin, never a partner integration; the target must be an active regular user and becomes an OWNER; the previous super admin stays an OWNER (ORG-03).")
    @APIResponse(responseCode = "200", description = "The organization with its new super admin",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "403", description = "Not the super admin")
    @APIResponse(responseCode = "404", description = "No such user in the organization")
    @APIResponse(responseCode = "409", description = "transfer-target-invalid")
    public OrganizationView transfer(@Valid @NotNull TransferSuperAdmin request) {
        var superAdmin = permissions.requireTransferSuperAdmin();
        return organizations.transferSuperAdmin(superAdmin, request.userId());
    }

    @PUT
    @Path("/organization/scim-settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide what the organization's SCIM client may do",
            description = "OWNER only, never a partner integration. ownerRoleGrantable (false unless an OWNER sets it) lets the identity "
                    + "provider's SCIM client make users OWNERs and change an OWNER's role; otherwise SCIM answers those 403. Audited.")
    @APIResponse(responseCode = "200", description = "The organization with the setting",
            content = @Content(schema = @Schema(implementation = OrganizationView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    public OrganizationView scimSettings(@Valid @NotNull ScimSettings request) {
        var owner = permissions.requireManageSettings();
        return organizations.setScimOwnerRoleGrantable(owner, request.ownerRoleGrantable());
    }
}
