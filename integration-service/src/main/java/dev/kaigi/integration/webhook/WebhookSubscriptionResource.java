package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.security.Caller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * HOOK-01, HOOK-02: the organization's partner webhook subscriptions, for an OWNER or a partner's client with
 * {@code webhooks:write} ({@code webhooks:read} reads). Another organization's subscription answers 404.
 */
@Path("/api/v1/webhook-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookSubscriptionResource {

    @Inject
    WebhookPermissions permissions;
    @Inject
    WebhookSubscriptionService subscriptions;

    /**
     * @param overlapMinutes how long the current secret keeps signing beside the new one; 1440 (a day) when absent,
     *                       0 to stop using it at once
     */
    @Schema(name = "WebhookSecretRotationRequest")
    public record RotationRequest(@Min(0) @Max(10080) Integer overlapMinutes) {
    }

    @GET
    @Operation(summary = "HOOK-01: the organization's webhook subscriptions, oldest first (at most 20)")
    @APIResponse(responseCode = "200", description = "The subscriptions, without their secrets")
    public List<WebhookSubscriptionView> list() {
        Caller caller = permissions.requireRead();
        return subscriptions.list(caller.orgId());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "HOOK-01: subscribe a URL to event types; the answer shows the signing secret, once")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(schema = @Schema(implementation = WebhookSubscriptionCreated.class)))
    @APIResponse(responseCode = "400", description = "validation-failed, naming the field: a URL that is not HTTPS, "
            + "does not resolve or resolves to a loopback, private, link-local or metadata address; an unknown event type")
    @APIResponse(responseCode = "409", description = "webhook-subscriptions-limit")
    public Response create(@Valid @NotNull WebhookSubscriptionRequest request, @Context UriInfo uri) {
        Caller caller = permissions.requireManage();
        WebhookSubscriptionCreated created = subscriptions.create(caller.orgId(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @Path("/{subscriptionId}")
    @Operation(summary = "HOOK-01: one webhook subscription")
    @APIResponse(responseCode = "200", description = "The subscription, without its secret")
    @APIResponse(responseCode = "404", description = "No such subscription in the caller's organization")
    public WebhookSubscriptionView get(@PathParam("subscriptionId") UUID subscriptionId) {
        Caller caller = permissions.requireRead();
        return subscriptions.get(caller.orgId(), subscriptionId);
    }

    @PUT
    @Path("/{subscriptionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "HOOK-01: change a subscription's URL, event types, description or switch; switching it on "
            + "again after the service disabled it resumes deliveries")
    @APIResponse(responseCode = "200", description = "The subscription as saved")
    @APIResponse(responseCode = "400", description = "validation-failed, naming the field")
    @APIResponse(responseCode = "404", description = "No such subscription in the caller's organization")
    public WebhookSubscriptionView replace(@PathParam("subscriptionId") UUID subscriptionId,
                                           @Valid @NotNull WebhookSubscriptionRequest request) {
        Caller caller = permissions.requireManage();
        return subscriptions.replace(caller.orgId(), subscriptionId, request);
    }

    @DELETE
    @Path("/{subscriptionId}")
    @Operation(summary = "HOOK-01: delete a subscription and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription in the caller's organization")
    public void delete(@PathParam("subscriptionId") UUID subscriptionId) {
        Caller caller = permissions.requireManage();
        subscriptions.delete(caller.orgId(), subscriptionId);
    }

    @POST
    @Path("/{subscriptionId}/secret-rotations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "HOOK-02: a new signing secret, shown once; the current one keeps signing beside it for the overlap")
    @APIResponse(responseCode = "201", description = "Rotated",
            content = @Content(schema = @Schema(implementation = WebhookSecretRotation.class)))
    @APIResponse(responseCode = "400", description = "validation-failed: overlapMinutes outside 0 … 10080")
    @APIResponse(responseCode = "404", description = "No such subscription in the caller's organization")
    public Response rotate(@PathParam("subscriptionId") UUID subscriptionId, @Valid RotationRequest request) {
        Caller caller = permissions.requireManage();
        Duration overlap = request == null || request.overlapMinutes() == null ? null
                : Duration.ofMinutes(request.overlapMinutes());
        return Response.status(Response.Status.CREATED)
                .entity(subscriptions.rotate(caller.orgId(), subscriptionId, overlap)).build();
    }
}
