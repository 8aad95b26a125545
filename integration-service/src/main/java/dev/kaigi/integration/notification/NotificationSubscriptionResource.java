package dev.kaigi.integration.notification;

import dev.kaigi.chassis.security.Caller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.util.List;
import java.util.UUID;

/**
 * A user's booking notification subscriptions (LIF-05): the user themself (not a RESTRICTED user) or an OWNER for any
 * user of the organization. A user id of another organization answers 404.
 */
@Path("/api/v1/users/{userId}/notification-subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notification subscriptions", description = "Where a user's booking notifications go")
public class NotificationSubscriptionResource {

    @Inject
    NotificationPermissions permissions;
    @Inject
    NotificationSubscriptionService subscriptions;

    /**
     * @param meetingTypeId the meeting type whose bookings to be told of; absent or null for every meeting type
     */
    public record SubscribeRequest(UUID meetingTypeId, @NotNull Channel channel) {
    }

    @GET
    @Operation(summary = "The user's booking notification subscriptions, oldest first (at most 100)")
    @APIResponse(responseCode = "200", description = "The subscriptions")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    public List<NotificationSubscriptionView> list(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireSubscriptionsOf(userId);
        return subscriptions.of(caller.orgId(), userId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe the user to the bookings of a meeting type, or of all, by mail or in Slack")
    @APIResponse(responseCode = "201", description = "Subscribed",
            content = @Content(schema = @Schema(implementation = NotificationSubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "validation-failed, naming the field")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization")
    @APIResponse(responseCode = "409", description = "notification-subscription-exists: the same meeting type (or all) and "
            + "channel already; notification-subscriptions-limit")
    public Response add(@PathParam("userId") UUID userId, @Valid @NotNull SubscribeRequest request, @Context UriInfo uri) {
        Caller caller = permissions.requireSubscriptionsOf(userId);
        NotificationSubscriptionView added = subscriptions.add(caller.orgId(), userId, request.meetingTypeId(), request.channel());
        return Response.created(uri.getAbsolutePathBuilder().path(added.id().toString()).build()).entity(added).build();
    }

    @DELETE
    @Path("/{subscriptionId}")
    @Operation(summary = "Unsubscribe")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such user in the caller's organization, or no such subscription of theirs")
    public void remove(@PathParam("userId") UUID userId, @PathParam("subscriptionId") UUID subscriptionId) {
        Caller caller = permissions.requireSubscriptionsOf(userId);
        subscriptions.remove(caller.orgId(), userId, subscriptionId);
    }
}
