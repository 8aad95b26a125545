package dev.kaigi.user.permission;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.idempotency.IdempotentCreation;
import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.text.SingleLine;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.permission.PermissionProfileService.ProfileContent;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/permission-profiles}: the organization's permission profiles (USR-07). Everyone in the
 * organization reads them; OWNERs create, copy, change and delete them. A user is given one with
 * {@code permissionProfileId} on their profile.
 */
@Path("/api/v1/permission-profiles")
@Tag(name = "Permission profiles", description = "Profiles that narrow what a role may do (USR-07)")
@Produces(MediaType.APPLICATION_JSON)
public class PermissionProfileResource {

    @Inject
    PermissionProfilePermissions permissions;
    @Inject
    CurrentCaller caller;
    @Inject
    IdempotentCreation idempotent;
    @Inject
    PermissionProfileService profiles;

    @Schema(name = "PermissionProfileRequest")
    public record PermissionProfileRequest(
            @NotBlank @SingleLine @Size(max = 100) @Schema(example = "Inside sales managers") String name,
            @NotNull UserType userType,
            @NotNull @Size(max = 20) List<@NotNull ProfilePermission> permissions) {
    }

    @Schema(name = "PermissionProfileChange")
    public record PermissionProfileChange(
            @NotBlank @SingleLine @Size(max = 100) @Schema(example = "Inside sales managers") String name,
            @NotNull @Size(max = 20) List<@NotNull ProfilePermission> permissions) {
    }

    @Schema(name = "PermissionProfileCopy")
    public record PermissionProfileCopy(
            @NotBlank @SingleLine @Size(max = 100) @Schema(example = "Standard without seats") String name) {
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Operation(summary = "The organization's permission profiles",
            description = "Any user, or a partner with scope users:read. Built-in profiles first, then by creation.")
    @APIResponse(responseCode = "200", description = "Every profile")
    public List<PermissionProfileView> list() {
        UUID org = permissions.requireView();
        return profiles.list(org);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a permission profile",
            description = "Any user, or a partner with scope users:read. ETag carries the version to send back in If-Match.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(schema = @Schema(implementation = PermissionProfileView.class)))
    @APIResponse(responseCode = "404", description = "No such profile in the caller's organization")
    public Response get(@PathParam("id") UUID id) {
        UUID org = permissions.requireView();
        return view(profiles.view(org, id)).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a permission profile",
            description = "OWNER. A team users' profile grants no permission (USR-06).")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = PermissionProfileView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "409", description = "permission-profile-name-taken (names compare ignoring case)")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used for another request")
    public Response create(@Valid @NotNull PermissionProfileRequest request,
                           @Parameter(description = "Makes retries safe: the same request with the same key answers the first result; "
                                   + "1–100 of A–Z a–z 0–9 _ . : -") @HeaderParam(IdempotentCreation.HEADER) String key,
                           @Context UriInfo uri) {
        Actor owner = permissions.requireManage();
        return idempotent.run(caller.get(), key, "POST", uri.getPath(), request, () -> created(uri,
                profiles.create(owner, request.userType(), new ProfileContent(request.name(), request.permissions()))));
    }

    @POST
    @Path("/{id}/copy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Copy a permission profile",
            description = "OWNER. The copy has the original's type and permissions under a new name; built-in profiles are customised this way.")
    @APIResponse(responseCode = "201", description = "Created; Location names the copy",
            content = @Content(schema = @Schema(implementation = PermissionProfileView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such profile in the caller's organization")
    @APIResponse(responseCode = "409", description = "permission-profile-name-taken")
    public Response copy(@PathParam("id") UUID id, @Valid @NotNull PermissionProfileCopy request,
                         @Parameter(description = "Makes retries safe, as for creation") @HeaderParam(IdempotentCreation.HEADER) String key,
                         @Context UriInfo uri) {
        Actor owner = permissions.requireManage();
        return idempotent.run(caller.get(), key, "POST", uri.getPath(), request,
                () -> created(uri.getBaseUriBuilder().path("api/v1/permission-profiles"), profiles.copy(owner, id, request.name())));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a permission profile or change its permissions",
            description = "OWNER; needs If-Match. Every service applies the new permissions within seconds, to tokens already issued too.")
    @APIResponse(responseCode = "200", description = "The profile",
            content = @Content(schema = @Schema(implementation = PermissionProfileView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such profile in the caller's organization")
    @APIResponse(responseCode = "409", description = "permission-profile-built-in (copy it instead) or permission-profile-name-taken")
    @APIResponse(responseCode = "412", description = "The profile changed since it was read")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response change(@PathParam("id") UUID id, @Valid @NotNull PermissionProfileChange request,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Actor owner = permissions.requireManage();
        long expected = ETags.requiredVersion(ifMatch);
        return view(profiles.change(owner, id, new ProfileContent(request.name(), request.permissions()), expected)).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a permission profile", description = "OWNER. Built-in profiles and profiles a user holds stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such profile in the caller's organization")
    @APIResponse(responseCode = "409", description = "permission-profile-built-in or permission-profile-in-use")
    public void delete(@PathParam("id") UUID id) {
        Actor owner = permissions.requireManage();
        profiles.delete(owner, id);
    }

    private static Response created(UriInfo uri, PermissionProfileView profile) {
        return created(uri.getBaseUriBuilder().path("api/v1/permission-profiles"), profile);
    }

    private static Response created(jakarta.ws.rs.core.UriBuilder collection, PermissionProfileView profile) {
        URI location = collection.path(profile.id().toString()).build();
        return view(profile).status(201).location(location).build();
    }

    private static Response.ResponseBuilder view(PermissionProfileView profile) {
        return Response.ok(profile).tag(new EntityTag(Long.toString(profile.version())));
    }
}
