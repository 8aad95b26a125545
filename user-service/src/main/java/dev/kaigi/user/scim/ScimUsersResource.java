package dev.kaigi.user.scim;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.rest.ETags;
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


/**
 * {@code /scim/v2/Users} (RFC 7644 §3): the organization's users for a partner's identity
 * provider (Okta, Microsoft Entra ID). Every user-service rule applies as through {@code /api/v1/users}.
 */
@Path("/scim/v2/Users")
@Tag(name = "SCIM", description = "SCIM 2.0 provisioning of users and groups; partner clients with the scim scope")
@Produces({ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimUsersResource {

    @Inject
    ScimPermissions permissions;
    @Inject
    ScimUserService users;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Operation(summary = "List or find users (SCIM)", description = "filter (eq, ne, co, sw, ew, pr, gt, ge, lt, le, and, or, not; userName, emails.value, name.givenName, name.familyName, title, active, externalId, id, meta.created, meta.resourceType and the extensions' attributes), startIndex, count ≤ 200, sortBy, sortOrder, attributes, excludedAttributes.")
    @APIResponse(responseCode = "200", description = "A ListResponse of Users")
    @APIResponse(responseCode = "400", description = "invalidFilter, invalidValue")
    public Response list(@BeanParam ScimListParams params, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        return list(actor, params.request(), params.projection(ScimSchemas.USER), uri);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @POST
    @Path("/.search")
    @Operation(summary = "Find users with a SearchRequest (SCIM, RFC 7644 §3.4.3)", description = "The parameters of GET /scim/v2/Users in the "
            + "body: {\"schemas\":[\"" + ScimSchemas.SEARCH_REQUEST + "\"], \"filter\", \"startIndex\", \"count\", \"sortBy\", "
            + "\"sortOrder\", \"attributes\": [...], \"excludedAttributes\": [...]}, with the same meaning. Changes nothing.")
    @RequestBody(description = "A SCIM SearchRequest")
    @APIResponse(responseCode = "200", description = "A ListResponse of Users")
    @APIResponse(responseCode = "400", description = "invalidSyntax (not a SearchRequest, an attribute it does not define), invalidFilter, invalidValue")
    public Response search(String body, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        ScimSearchRequest search = ScimSearchRequest.of(ScimResponses.parse(body));
        return list(actor, search.list(), search.projection(ScimSchemas.USER), uri);
    }

    private Response list(Actor actor, ScimListRequest request, ScimProjection projection, UriInfo uri) {
        ScimResource.Page page = users.list(actor.orgId(), request, ScimResponses.base(uri));
        return ScimResponses.list(page.resources().stream().map(projection::apply).toList(), page.total(), request.startIndex());
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a user (SCIM)")
    @APIResponse(responseCode = "200", description = "The User; ETag carries its version")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public Response get(@PathParam("id") String id, @QueryParam("attributes") String attributes,
                        @QueryParam("excludedAttributes") String excludedAttributes, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        ScimProjection projection = ScimProjection.of(attributes, excludedAttributes, ScimSchemas.USER);
        ScimResource u = users.get(actor.orgId(), ScimIds.of(id, "user"), ScimResponses.base(uri));
        return ScimResponses.resource(200, projection.apply(u.json()), u.version());
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @POST
    @Operation(summary = "Create a user (SCIM)", description = "As POST /api/v1/users: takes a seat; INVITED, or ACTIVE with the super admin's email domain (INV-04). Role, user type and permission profile come from the Kaigi extension (MEMBER, REGULAR and the system profile when left out).")
    @RequestBody(description = "A SCIM User")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "invalidValue, invalidSyntax")
    @APIResponse(responseCode = "403", description = "role OWNER while the organization does not let its SCIM client grant it (PUT /api/v1/organization/scim-settings)")
    @APIResponse(responseCode = "409", description = "uniqueness (email-taken, ORG-05), seat-unavailable")
    public Response create(String body, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        return ScimResponses.resource(201, users.create(actor, ScimResponses.parse(body), ScimResponses.base(uri)));
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace a user (SCIM)", description = "If-Match optional (412 on mismatch). userName cannot change; active=false deactivates an ACTIVE user and "
            + "revokes an INVITED user's invitation (the user is removed, as POST /api/v1/users/{id}/remove), true activates.")
    @RequestBody(description = "A SCIM User")
    @APIResponse(responseCode = "200", description = "The User")
    @APIResponse(responseCode = "400", description = "invalidValue, mutability")
    @APIResponse(responseCode = "403", description = "Granting or taking the role OWNER while the organization does not let its SCIM client do it")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required (ORG-04), seat-unavailable, invalid-status")
    @APIResponse(responseCode = "412", description = "The user changed since it was read")
    public Response replace(@PathParam("id") String id, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        return ScimResponses.resource(200, users.replace(actor, ScimIds.of(id, "user"), ScimResponses.parse(body),
                ETags.expectedVersion(ifMatch), ScimResponses.base(uri)));
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @PATCH
    @Path("/{id}")
    @Operation(summary = "Modify a user (SCIM PatchOp)", description = "add, replace, remove (a path may be an extension's URN, whose attributes the value holds); active=false "
            + "deactivates (LIF-01, the way Okta and Entra ID deprovision), or revokes the invitation of an INVITED user (removed as by "
            + "POST /api/v1/users/{id}/remove); active=true activates (needs a seat). Removing active, userName, emails, role, userType or "
            + "permissionProfileId is refused (400). If-Match optional.")
    @RequestBody(description = "A SCIM PatchOp")
    @APIResponse(responseCode = "200", description = "The User")
    @APIResponse(responseCode = "400", description = "invalidSyntax, invalidPath, invalidValue, noTarget, mutability, tooMany")
    @APIResponse(responseCode = "403", description = "Granting or taking the role OWNER while the organization does not let its SCIM client do it")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required (ORG-04), seat-unavailable, invalid-status")
    @APIResponse(responseCode = "412", description = "The user changed since it was read")
    public Response patch(@PathParam("id") String id, String body, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        return ScimResponses.resource(200, users.patch(actor, ScimIds.of(id, "user"), ScimResponses.parse(body),
                ETags.expectedVersion(ifMatch), ScimResponses.base(uri)));
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user (SCIM)", description = "Removes the user from the organization and frees the seat, as POST /api/v1/users/{id}/remove (LIF-03). Not the super admin (ORG-04).")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "409", description = "super-admin-transfer-required")
    @APIResponse(responseCode = "412", description = "The user changed since it was read")
    public Response delete(@PathParam("id") String id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Actor actor = permissions.requireProvisioning();
        users.delete(actor, ScimIds.of(id, "user"), ETags.expectedVersion(ifMatch));
        return Response.noContent().build();
    }
}
