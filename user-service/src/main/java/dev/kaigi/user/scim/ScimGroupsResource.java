package dev.kaigi.user.scim;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** {@code /scim/v2/Groups} (RFC 7644 §3): the organization's teams and their members, for a partner's identity provider. */
@Path("/scim/v2/Groups")
@Tag(name = "SCIM", description = "SCIM 2.0 provisioning of users and groups; partner clients with the scim scope")
@Produces({ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimGroupsResource {

    @Inject
    ScimPermissions permissions;
    @Inject
    ScimGroupService groups;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Operation(summary = "List or find groups (SCIM)", description = "Teams; filter on displayName, externalId, id, meta.created; paging, sortBy, attributes, excludedAttributes (e.g. members).")
    @APIResponse(responseCode = "200", description = "A ListResponse of Groups")
    @APIResponse(responseCode = "400", description = "invalidFilter, invalidValue")
    public Response list(@BeanParam ScimListParams params, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        return list(actor, params.request(), params.projection(ScimSchemas.GROUP), uri);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @POST
    @Path("/.search")
    @Operation(summary = "Find groups with a SearchRequest (SCIM, RFC 7644 §3.4.3)", description = "The parameters of GET /scim/v2/Groups in "
            + "the body (schemas [\"" + ScimSchemas.SEARCH_REQUEST + "\"], filter, startIndex, count, sortBy, sortOrder, attributes, "
            + "excludedAttributes), with the same meaning. Changes nothing.")
    @RequestBody(description = "A SCIM SearchRequest")
    @APIResponse(responseCode = "200", description = "A ListResponse of Groups")
    @APIResponse(responseCode = "400", description = "invalidSyntax (not a SearchRequest, an attribute it does not define), invalidFilter, invalidValue")
    public Response search(String body, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        ScimSearchRequest search = ScimSearchRequest.of(ScimResponses.parse(body));
        return list(actor, search.list(), search.projection(ScimSchemas.GROUP), uri);
    }

    private Response list(Actor actor, ScimListRequest request, ScimProjection projection, UriInfo uri) {
        ScimResource.Page page = groups.list(actor.orgId(), request, ScimResponses.base(uri));
        return ScimResponses.list(page.resources().stream().map(projection::apply).toList(), page.total(), request.startIndex());
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a group (SCIM)")
    @APIResponse(responseCode = "200", description = "The Group; ETag carries its version")
    @APIResponse(responseCode = "404", description = "No such team in the caller's organization")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        ScimProjection projection = ScimProjection.of(attributes, excludedAttributes, ScimSchemas.GROUP);
        ScimResource g = groups.get(actor.orgId(), ScimIds.of(id, "team"), ScimResponses.base(uri));
        return ScimResponses.resource(200, projection.apply(g.json()), g.version());
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @POST
    @Operation(summary = "Create a group (SCIM)", description = "Creates a team (names unique ignoring case) with the given members.")
    @RequestBody(description = "A SCIM Group")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "invalidValue (e.g. a member who is not a user of the organization)")
    @APIResponse(responseCode = "409", description = "uniqueness: team-name-taken")
    public Response create(String body, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        return ScimResponses.resource(201, groups.create(actor, ScimResponses.parse(body), ScimResponses.base(uri)));
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a group (SCIM)", description = "Name, externalId and exactly these members. If-Match optional (412 on mismatch).")
    @RequestBody(description = "A SCIM Group")
    @APIResponse(responseCode = "200", description = "The Group")
    @APIResponse(responseCode = "404", description = "No such team in the caller's organization")
    @APIResponse(responseCode = "409", description = "uniqueness: team-name-taken")
    @APIResponse(responseCode = "412", description = "The group changed since it was read")
    public Response replace(@PathParam("id") String id, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        return ScimResponses.resource(200, groups.replace(actor, ScimIds.of(id, "team"), ScimResponses.parse(body), ifMatch,
                ScimResponses.base(uri)));
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @PATCH
    @Path("/{id}")
    @Operation(summary = "Modify a group (SCIM PatchOp)", description = "Rename, add members, remove members (members[value eq \"…\"] or by value list), replace members.")
    @RequestBody(description = "A SCIM PatchOp")
    @APIResponse(responseCode = "200", description = "The Group")
    @APIResponse(responseCode = "400", description = "invalidSyntax, invalidPath, invalidValue, noTarget, mutability, tooMany")
    @APIResponse(responseCode = "404", description = "No such team in the caller's organization")
    @APIResponse(responseCode = "412", description = "The group changed since it was read")
    public Response patch(@PathParam("id") String id, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        return ScimResponses.resource(200, groups.patch(actor, ScimIds.of(id, "team"), ScimResponses.parse(body), ifMatch,
                ScimResponses.base(uri)));
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a group (SCIM)", description = "Deletes the team; its members stay in the organization.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such team in the caller's organization")
    @APIResponse(responseCode = "412", description = "The group changed since it was read")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Actor actor = permissions.requireProvisioning();
        groups.delete(actor, ScimIds.of(id, "team"), ifMatch);
        return Response.noContent().build();
    }
}
