package dev.kaigi.scheduling.meetingtype;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.idempotency.IdempotentCreation;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.meetingtype.MeetingTypeJson.MeetingTypePage;
import dev.kaigi.scheduling.meetingtype.MeetingTypeJson.MeetingTypeRequest;
import dev.kaigi.scheduling.meetingtype.MeetingTypeJson.MeetingTypeView;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

import java.util.UUID;

/** {@code /api/v1/meeting-types}: what leads can book, and who may host it (SCH-06). MANAGERs and OWNERs write; every member reads. */
@Path("/api/v1/meeting-types")
@Tag(name = "Meeting types", description = "What can be booked: duration, host pool, booking rules")
@Produces(MediaType.APPLICATION_JSON)
public class MeetingTypeResource {


    @Inject
    MeetingTypePermissions permissions;
    @Inject
    IdempotentCreation idempotent;
    @Inject
    MeetingTypeService types;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Operation(summary = "List meeting types", description = "Every member, or a partner with scope schedules:read. Creation order, paged.")
    @APIResponse(responseCode = "200", description = "A page of meeting types", content = @Content(schema = @Schema(implementation = MeetingTypePage.class)))
    @APIResponse(responseCode = "400", description = "Invalid paging")
    @APIResponse(responseCode = "403", description = "No organization role, or a partner without scope schedules:read")
    public Page<MeetingTypeView> list(@BeanParam @Valid PageRequest page) {
        Caller c = permissions.requireView();
        return types.list(c.orgId(), page);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCHEDULES_READ)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a meeting type", description = "Every member, or a partner with scope schedules:read. ETag carries the version to send back in If-Match.")
    @APIResponse(responseCode = "200", description = "The meeting type", content = @Content(schema = @Schema(implementation = MeetingTypeView.class)))
    @APIResponse(responseCode = "403", description = "No organization role, or a partner without scope schedules:read")
    @APIResponse(responseCode = "404", description = "No such meeting type in the caller's organization")
    public Response get(@PathParam("id") UUID id) {
        Caller c = permissions.requireView();
        return view(types.get(c.orgId(), id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a meeting type", description = "MANAGER or OWNER. Pool members must be regular members of the organization; slot step 15, 30 or 60 minutes.")
    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = MeetingTypeView.class)))
    @APIResponse(responseCode = "403", description = "Not a MANAGER or OWNER")
    @APIResponse(responseCode = "409", description = "meeting-type-name-taken")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used for another request")
    public Response create(@Valid @NotNull MeetingTypeRequest request,
                           @Parameter(description = "Makes retries safe: the same request with the same key answers the first result; "
                                   + "1–100 of A–Z a–z 0–9 _ . : -") @HeaderParam(IdempotentCreation.HEADER) String key,
                           @Context UriInfo uri) {
        Caller c = permissions.requireManage();
        return idempotent.run(c, key, "POST", uri.getPath(), request, () -> {
            MeetingTypeView created = types.create(c.orgId(), request);
            return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                    .tag(new EntityTag(Long.toString(created.version()))).entity(created).build();
        });
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a meeting type", description = "MANAGER or OWNER, with If-Match. The public booking id never changes.")
    @APIResponse(responseCode = "200", description = "The meeting type", content = @Content(schema = @Schema(implementation = MeetingTypeView.class)))
    @APIResponse(responseCode = "403", description = "Not a MANAGER or OWNER")
    @APIResponse(responseCode = "404", description = "No such meeting type in the caller's organization")
    @APIResponse(responseCode = "409", description = "meeting-type-name-taken")
    @APIResponse(responseCode = "412", description = "The meeting type changed since it was read")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response replace(@PathParam("id") UUID id, @Valid @NotNull MeetingTypeRequest request,
                            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Caller c = permissions.requireManage();
        return view(types.replace(c.orgId(), id, request, ETags.requiredVersion(ifMatch)));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a meeting type", description = "MANAGER or OWNER; If-Match optional.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not a MANAGER or OWNER")
    @APIResponse(responseCode = "404", description = "No such meeting type in the caller's organization")
    @APIResponse(responseCode = "412", description = "If-Match given and the meeting type changed since")
    public void delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Caller c = permissions.requireManage();
        types.delete(c.orgId(), id, ETags.expectedVersion(ifMatch));
    }

    private static Response view(MeetingTypeView t) {
        return Response.ok(t).tag(new EntityTag(Long.toString(t.version()))).build();
    }
}
