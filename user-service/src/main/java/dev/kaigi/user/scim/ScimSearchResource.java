package dev.kaigi.user.scim;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/** {@code POST /scim/v2/.search} (RFC 7644 §3.4.3): one search over Users and Groups. */
@Path("/scim/v2/.search")
@Tag(name = "SCIM", description = "SCIM 2.0 provisioning of users and groups; partner clients with the scim scope")
@Produces({ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON})
@Consumes({ScimSchemas.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class ScimSearchResource {

    @Inject
    ScimPermissions permissions;
    @Inject
    ScimSearchService searches;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.SCIM)
    @POST
    @Operation(summary = "Find users and groups with a SearchRequest (SCIM, RFC 7644 §3.4.3)", description = "As POST /scim/v2/Users/.search "
            + "over Users and Groups together: the filter applies to each (meta.resourceType eq \"User\" picks one type; an attribute only "
            + "the other type has is unassigned), results are numbered Users first, then Groups, each in creation order; sortBy is refused. "
            + "Changes nothing.")
    @RequestBody(description = "A SCIM SearchRequest")
    @APIResponse(responseCode = "200", description = "A ListResponse of Users and Groups")
    @APIResponse(responseCode = "400", description = "invalidSyntax, invalidFilter (an attribute neither type has), invalidValue (sortBy)")
    public Response search(String body, @Context UriInfo uri) {
        Actor actor = permissions.requireProvisioning();
        ScimSearchRequest search = ScimSearchRequest.of(ScimResponses.parse(body));
        ScimProjection userProjection = search.projection(ScimSchemas.USER);
        ScimProjection groupProjection = search.projection(ScimSchemas.GROUP);
        ScimSearchService.Found found = searches.search(actor.orgId(), search.list(), ScimResponses.base(uri));
        List<ObjectNode> resources = new ArrayList<>();
        found.users().forEach(u -> resources.add(userProjection.apply(u)));
        found.groups().forEach(g -> resources.add(groupProjection.apply(g)));
        return ScimResponses.list(resources, found.total(), search.list().startIndex());
    }
}
