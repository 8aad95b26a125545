package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.security.Caller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/** HOOK-03: a webhook subscription's delivery log, and sending a delivery again by hand. */
@Path("/api/v1/webhook-subscriptions/{subscriptionId}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class WebhookDeliveryResource {

    @Inject
    WebhookPermissions permissions;
    @Inject
    WebhookDeliveryLog log;
    @Inject
    WebhookDispatcher dispatcher;

    @GET
    @Operation(summary = "HOOK-03: the subscription's deliveries, newest first")
    @APIResponse(responseCode = "200", description = "One page")
    @APIResponse(responseCode = "404", description = "No such subscription in the caller's organization")
    public Page<WebhookDeliveryView> list(@PathParam("subscriptionId") UUID subscriptionId,
                                          @BeanParam @Valid PageRequest page) {
        Caller caller = permissions.requireRead();
        return log.page(caller.orgId(), subscriptionId, page);
    }

    @GET
    @Path("/{deliveryId}")
    @Operation(summary = "HOOK-03: one delivery with its body and every attempt (status, latency, the answer's first kilobyte)")
    @APIResponse(responseCode = "200", description = "The delivery")
    @APIResponse(responseCode = "404", description = "No such delivery of a subscription of the caller's organization")
    public WebhookDeliveryDetail get(@PathParam("subscriptionId") UUID subscriptionId,
                                     @PathParam("deliveryId") UUID deliveryId) {
        Caller caller = permissions.requireRead();
        return log.detail(caller.orgId(), subscriptionId, deliveryId);
    }

    @POST
    @Path("/{deliveryId}/redeliveries")
    @Operation(summary = "HOOK-03: send the delivery again now, under the same webhook-id")
    @APIResponse(responseCode = "202", description = "Queued; the log shows the attempt",
            content = @Content(schema = @Schema(implementation = WebhookDeliveryView.class)))
    @APIResponse(responseCode = "404", description = "No such delivery of a subscription of the caller's organization")
    @APIResponse(responseCode = "409", description = "webhook-subscription-disabled: switch the subscription on first")
    public Response redeliver(@PathParam("subscriptionId") UUID subscriptionId, @PathParam("deliveryId") UUID deliveryId) {
        Caller caller = permissions.requireManage();
        WebhookDeliveryView queued = log.redeliver(caller.orgId(), subscriptionId, deliveryId);
        dispatcher.wake();
        return Response.accepted(queued).build();
    }
}
