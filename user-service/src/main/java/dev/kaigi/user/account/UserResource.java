package dev.kaigi.user.account;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.idempotency.IdempotentCreation;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.account.ProfileRequests.AddUser;
import dev.kaigi.user.account.ProfileRequests.UpdateProfile;
import dev.kaigi.user.directory.UserFilter;
import dev.kaigi.user.directory.UserView;
import dev.kaigi.user.identity.EmailRefresh;
import dev.kaigi.user.invitation.InvitationService;
import dev.kaigi.user.lifecycle.LifecycleService;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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

import java.util.UUID;

/** {@code /api/v1/users}: the organization's users, their profiles and lifecycle (USR-01…05, INV-01…05, LIF-01…04). */
@Path("/api/v1/users")
@Tag(name = "Users", description = "The organization's users and their roles")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserPermissions permissions;
    @Inject
    CurrentCaller caller;
    @Inject
    IdempotentCreation idempotent;
    @Inject
    AccountService accounts;
    @Inject
    LifecycleService lifecycle;
    @Inject
    InvitationService invitations;
    @Inject
    ApplyToOthersService applyToOthers;
    @Inject
    EmailRefresh emailRefresh;

    @Schema(name = "UserPage")
    public record UserPage(java.util.List<UserView> items, int page, int size, long totalItems, long totalPages) {
    }

    @Schema(name = "ApplyToOthersRequest", description = "Fields to copy from the user in the path to the targets (BLK-05); names can never be applied")
    public record ApplyToOthers(@NotNull @Size(max = 5) java.util.Set<ApplyToOthersService.ApplicableField> fields,
                                @NotNull @Size(max = 500) java.util.List<@NotNull UUID> targetUserIds,
                                @Schema(description = "Report the changes without making them") boolean dryRun) {
    }

    @Schema(name = "ApplyToOthersResult")
    public record ApplyToOthersResult(boolean applied, java.util.List<ApplyToOthersService.TargetChange> targets) {
    }

    @Schema(name = "ConvertToRegularRequest")
    public record ConvertToRegular(@NotNull UUID permissionProfileId) {
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Operation(summary = "List users", description = "Any user, or a partner with scope users:read. Creation order; filter by status (deleted users only when asked), role, type, team and text in email or names (USR-03).")
    @APIResponse(responseCode = "200", description = "A page of users", content = @Content(schema = @Schema(implementation = UserPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter or paging")
    public Page<UserView> list(@QueryParam("status") UserStatus status, @QueryParam("role") Role role,
                               @QueryParam("userType") UserType userType, @QueryParam("team") UUID team,
                               @QueryParam("q") @Size(max = 200) String text,
                               @BeanParam @Valid PageRequest page) {
        UUID org = permissions.requireView();
        return accounts.list(org, new UserFilter(status, role, userType, team, text), page);
    }

    @GET
    @Path("/me")
    @Operation(summary = "The signed-in user", description = "A user's token only: a partner client is no user (403).")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = UserView.class)))
    public Response me() {
        Actor me = permissions.requireViewOwn();
        return view(accounts.view(me.orgId(), me.userId())).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a user", description = "Any user, or a partner with scope users:read. ETag carries the version to send back in If-Match.")
    @APIResponse(responseCode = "200", description = "The user", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public Response get(@PathParam("id") UUID id) {
        UUID org = permissions.requireView();
        return view(accounts.view(org, id)).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_WRITE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user", description = "OWNER, or a partner with scope users:write, which may not make the user an OWNER. Takes a seat; the user is INVITED and mailed a one-time link, or ACTIVE at once with the super admin's email domain (INV-01, INV-04, INV-05, LIC-04).")
    @APIResponse(responseCode = "201", description = "Added; Location names the user", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; team-user-admin (errors[].field role): a team user is MEMBER or RESTRICTED (USR-06)")
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:write; a partner asking for role OWNER (errors[].field role)")
    @APIResponse(responseCode = "409", description = "email-taken (ORG-05), seat-unavailable, team-licences-disabled, team-licences-unavailable-on-plan, permission-profile-mismatch")
    @APIResponse(responseCode = "503", description = "licensing-unavailable: nothing was changed")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used for another request")
    public Response add(@Valid @NotNull AddUser request,
                        @Parameter(description = "Makes retries safe: the same request with the same key answers the first result; "
                                   + "1–100 of A–Z a–z 0–9 _ . : -") @HeaderParam(IdempotentCreation.HEADER) String key,
                        @Context UriInfo uri) {
        Actor owner = permissions.requireManage();
        return idempotent.run(caller.get(), key, "POST", uri.getPath(), request, () -> {
            UserView added = accounts.add(owner, request);
            return view(added).status(Response.Status.CREATED)
                    .location(uri.getAbsolutePathBuilder().path(added.id().toString()).build()).build();
        });
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_WRITE)
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a profile", description = "Needs If-Match. OWNERs edit anyone; others only themselves, never their role or permission profile (USR-02). "
            + "A partner with scope users:write edits anyone as an OWNER would, but never makes anyone an OWNER nor changes an OWNER's role.")
    @APIResponse(responseCode = "200", description = "The updated user", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; team-user-admin (errors[].field role): a team user is MEMBER or RESTRICTED (USR-06)")
    @APIResponse(responseCode = "403", description = "Not allowed to edit this user, or the fields named in errors")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required (the super admin stays an OWNER), permission-profile-mismatch")
    @APIResponse(responseCode = "412", description = "The user changed since it was read")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response update(@PathParam("id") UUID id, @Valid @NotNull UpdateProfile request,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Actor editor = permissions.requireEdit(id);
        long expected = ETags.requiredVersion(ifMatch);
        return view(accounts.updateProfile(editor, id, request, expected)).build();
    }

    @POST
    @Path("/{id}/refresh-email")
    @Operation(summary = "Refresh the email from the identity provider",
            description = "Replaces the stored address with the one the identity provider holds for the user now. OWNERs for anyone; others for themselves (USR-04).")
    @APIResponse(responseCode = "200", description = "The user, with the current address", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", description = "Neither an OWNER nor the user")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "409", description = "identity-provider-not-connected, identity-account-missing, email-taken (ORG-05)")
    @APIResponse(responseCode = "503", description = "identity-provider-unavailable: nothing was changed")
    public Response refreshEmail(@PathParam("id") UUID id) {
        Actor editor = permissions.requireRefreshEmail(id);
        return view(emailRefresh.refresh(editor, id)).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_WRITE)
    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Deactivate a user", description = "OWNER, or a partner with scope users:write. Tokens stop working, not assignable as host, seat released (LIF-01). Not the super admin (ORG-04).")
    @APIResponse(responseCode = "200", description = "The deactivated user", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:write")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required, invalid-status")
    public Response deactivate(@PathParam("id") UUID id) {
        Actor owner = permissions.requireManage();
        return view(lifecycle.deactivate(owner, id, DeactivationReason.ADMIN)).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_WRITE)
    @POST
    @Path("/{id}/activate")
    @Operation(summary = "Activate a deactivated user", description = "OWNER, or a partner with scope users:write. Needs a free seat (LIF-01, LIC-04).")
    @APIResponse(responseCode = "200", description = "The active user", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:write")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "seat-unavailable, invalid-status")
    public Response activate(@PathParam("id") UUID id) {
        Actor owner = permissions.requireManage();
        return view(lifecycle.activate(owner, id)).build();
    }

    @POST
    @Path("/{id}/convert-to-regular")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Convert a team user to a regular user", description = "OWNER only. Needs a free regular seat and a regular permission profile; regular → team is not allowed (LIF-04).")
    @APIResponse(responseCode = "200", description = "The converted user", content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "not-a-team-user, seat-unavailable, permission-profile-mismatch")
    public Response convert(@PathParam("id") UUID id, @Valid @NotNull ConvertToRegular request) {
        Actor owner = permissions.requireAdminister();
        return view(lifecycle.convertToRegular(owner, id, request.permissionProfileId())).build();
    }

    @POST
    @Path("/{id}/apply-to-others")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Apply fields to other users", description = "OWNER only. Copies the chosen fields (role, Zoom URL, Slack member ID, contact, signature) from this user to the targets in one transaction; dryRun reports the changes only (BLK-05).")
    @APIResponse(responseCode = "200", description = "The changes per target", content = @Content(schema = @Schema(implementation = ApplyToOthersResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields; team-user-admin: the role would make a team user an OWNER or a MANAGER (USR-06)")
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such source user")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required: the role would demote the super admin")
    public ApplyToOthersResult apply(@PathParam("id") UUID id, @Valid @NotNull ApplyToOthers request) {
        Actor owner = permissions.requireAdminister();
        return new ApplyToOthersResult(!request.dryRun(), applyToOthers.apply(owner.orgId(), owner.userId(), id, request.fields(),
                request.targetUserIds(), request.dryRun()));
    }

    @POST
    @Path("/{id}/remove")
    @Operation(summary = "Remove a user from the organization", description = "OWNER only. Frees the seat (LIF-03). Not the super admin (ORG-04).")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required")
    public void remove(@PathParam("id") UUID id) {
        Actor owner = permissions.requireAdminister();
        lifecycle.remove(owner, id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user", description = "Super admin only, irreversible; optionally transfer open records, host pools and notification settings to another active regular user (LIF-02).")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not the super admin")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required, transfer-target-invalid")
    public void delete(@PathParam("id") UUID id, @QueryParam("transferTo") UUID transferTo) {
        Actor superAdmin = permissions.requireDelete();
        lifecycle.delete(superAdmin, id, DeletionTransfers.allTo(transferTo), category -> "transferTo");
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_WRITE)
    @POST
    @Path("/{id}/invitation/resend")
    @Operation(summary = "Re-invite", description = "OWNER, or a partner with scope users:write, while the user is INVITED; a new link is mailed and the old one stops working (INV-03).")
    @APIResponse(responseCode = "204", description = "Sent")
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:write")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "user-not-invited")
    public void resend(@PathParam("id") UUID id, @QueryParam("locale") @jakarta.validation.constraints.Pattern(regexp = "^(ja|en)$") String locale) {
        Actor owner = permissions.requireManage();
        invitations.resend(owner.orgId(), id, owner.userId(), locale == null ? "ja" : locale);
    }

    private static Response.ResponseBuilder view(UserView u) {
        return Response.ok(u).tag(new EntityTag(Long.toString(u.version())));
    }
}
