package dev.kaigi.user.team;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.idempotency.IdempotentCreation;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.text.SingleLine;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/teams}: the organization's teams (USR-01). Everyone in the organization reads
 * them; OWNERs create, rename and delete. Members are set on the user's profile ({@code teamIds})
 * and listed with {@code GET /api/v1/users?team=}.
 */
@Path("/api/v1/teams")
@Tag(name = "Teams", description = "Teams of users, and their members")
@Produces(MediaType.APPLICATION_JSON)
public class TeamResource {

    @Inject
    TeamPermissions permissions;
    @Inject
    CurrentCaller caller;
    @Inject
    IdempotentCreation idempotent;
    @Inject
    TeamService teams;

    @Schema(name = "TeamRequest")
    public record TeamRequest(@NotBlank @SingleLine @Size(max = 100) @Schema(example = "Inside sales") String name) {
    }

    @Schema(name = "TeamPage")
    public record TeamPage(List<TeamView> items, int page, int size, long totalItems, long totalPages) {
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Operation(summary = "List teams", description = "Any user, or a partner with scope users:read. Creation order.")
    @APIResponse(responseCode = "200", description = "A page of teams", content = @Content(schema = @Schema(implementation = TeamPage.class)))
    public Page<TeamView> list(@BeanParam @Valid PageRequest page) {
        UUID org = permissions.requireView();
        return teams.list(org, page);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a team", description = "Any user, or a partner with scope users:read. ETag carries the version to send back in If-Match.")
    @APIResponse(responseCode = "200", description = "The team", content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "404", description = "No such team in the caller's organization")
    public Response get(@PathParam("id") UUID id) {
        UUID org = permissions.requireView();
        return view(teams.view(org, id)).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_WRITE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a team", description = "OWNER, or a partner with scope users:write.")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:write")
    @APIResponse(responseCode = "409", description = "team-name-taken (names compare ignoring case)")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used for another request")
    public Response create(@Valid @NotNull TeamRequest request,
                           @Parameter(description = "Makes retries safe: the same request with the same key answers the first result; "
                                   + "1–100 of A–Z a–z 0–9 _ . : -") @HeaderParam(IdempotentCreation.HEADER) String key,
                           @Context UriInfo uri) {
        Actor owner = permissions.requireManage();
        return idempotent.run(caller.get(), key, "POST", uri.getPath(), request, () -> {
            TeamView team = teams.create(owner, request.name());
            return view(team).status(201).location(uri.getAbsolutePathBuilder().path(team.id().toString()).build()).build();
        });
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_WRITE)
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a team", description = "OWNER, or a partner with scope users:write; needs If-Match.")
    @APIResponse(responseCode = "200", description = "The team", content = @Content(schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:write")
    @APIResponse(responseCode = "404", description = "No such team in the caller's organization")
    @APIResponse(responseCode = "409", description = "team-name-taken")
    @APIResponse(responseCode = "412", description = "The team changed since it was read")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response rename(@PathParam("id") UUID id, @Valid @NotNull TeamRequest request,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Actor owner = permissions.requireManage();
        long expected = ETags.requiredVersion(ifMatch);
        return view(teams.rename(owner, id, request.name(), expected)).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_WRITE)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a team", description = "OWNER, or a partner with scope users:write. Its members stay in the organization.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:write")
    @APIResponse(responseCode = "404", description = "No such team in the caller's organization")
    public void delete(@PathParam("id") UUID id) {
        Actor owner = permissions.requireManage();
        teams.delete(owner, id);
    }

    private static Response.ResponseBuilder view(TeamView team) {
        return Response.ok(team).tag(new EntityTag(Long.toString(team.version())));
    }
}
