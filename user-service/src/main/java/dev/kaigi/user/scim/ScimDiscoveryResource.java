package dev.kaigi.user.scim;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.chassis.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code /scim/v2/ServiceProviderConfig}, {@code /ResourceTypes}, {@code /Schemas} (RFC 7644 §4). Same token as the rest of SCIM. */
@Path("/scim/v2")
@Tag(name = "SCIM", description = "SCIM 2.0 provisioning of users and groups; partner clients with the scim scope")
@Produces({ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimDiscoveryResource {

    @Inject
    ScimPermissions permissions;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Path("/ServiceProviderConfig")
    @Operation(summary = "What this SCIM service provider supports")
    @APIResponse(responseCode = "200", description = "PATCH, filter (200 results at most), sort and ETags; no bulk, no password change")
    public Response serviceProviderConfig(@Context UriInfo uri) {
        permissions.requireProvisioning();
        return Response.ok(ScimDiscovery.serviceProviderConfig(ScimResponses.base(uri))).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Path("/ResourceTypes")
    @Operation(summary = "SCIM resource types: User (with the enterprise and Kaigi extensions) and Group")
    @APIResponse(responseCode = "200", description = "A ListResponse of ResourceTypes")
    public Response resourceTypes(@Context UriInfo uri) {
        permissions.requireProvisioning();
        List<ObjectNode> types = ScimDiscovery.resourceTypes(ScimResponses.base(uri));
        return ScimResponses.list(types, types.size(), 1);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Path("/ResourceTypes/{name}")
    @Operation(summary = "One SCIM resource type")
    @APIResponse(responseCode = "200", description = "The ResourceType")
    @APIResponse(responseCode = "404", description = "No such resource type")
    public Response resourceType(@PathParam("name") String name, @Context UriInfo uri) {
        permissions.requireProvisioning();
        return Response.ok(one(ScimDiscovery.resourceTypes(ScimResponses.base(uri)), name, "resource type")).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Path("/Schemas")
    @Operation(summary = "The schemas of the SCIM attributes this service supports")
    @APIResponse(responseCode = "200", description = "A ListResponse of Schemas")
    public Response schemas(@Context UriInfo uri) {
        permissions.requireProvisioning();
        List<ObjectNode> schemas = ScimDiscovery.schemas(ScimResponses.base(uri));
        return ScimResponses.list(schemas, schemas.size(), 1);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @GET
    @Path("/Schemas/{id}")
    @Operation(summary = "One schema, by its URN")
    @APIResponse(responseCode = "200", description = "The Schema")
    @APIResponse(responseCode = "404", description = "No such schema")
    public Response schema(@PathParam("id") String id, @Context UriInfo uri) {
        permissions.requireProvisioning();
        return Response.ok(one(ScimDiscovery.schemas(ScimResponses.base(uri)), id, "schema")).build();
    }

    private static ObjectNode one(List<ObjectNode> all, String id, String what) {
        return all.stream().filter(o -> o.path("id").asText().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound(what));
    }
}
