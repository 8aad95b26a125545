package dev.kaigi.licensing.subscription;

import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.licensing.subscription.SubscriptionRequests.ChangePlan;
import dev.kaigi.licensing.subscription.SubscriptionRequests.PurchaseSeats;
import dev.kaigi.licensing.subscription.SubscriptionRequests.SetSeats;
import dev.kaigi.licensing.subscription.SubscriptionRequests.TeamLicences;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/subscription}: the caller's organization's plan, licences and seat counts (LIC-01…LIC-06). */
@Path("/api/v1/subscription")
@Tag(name = "Subscription", description = "The organization's plan and its seats")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private static final String EXAMPLE = """
            {"orgId":"6f1c2f7e-3a4b-4c5d-8e9f-0a1b2c3d4e5f","plan":"STANDARD","teamLicencesEnabled":true,
             "teamLicencesAvailableOnPlan":true,"version":3,
             "pools":[{"pool":"REGULAR","purchased":25,"assigned":12,"available":13},
                      {"pool":"TEAM","purchased":10,"assigned":4,"available":6}]}""";

    @Inject
    SubscriptionPermissions permissions;
    @Inject
    SubscriptionService subscriptions;

    @GET
    @Operation(summary = "Read the subscription",
            description = "Plan, team-user licences, and purchased / assigned / available seats per licence type (LIC-03). Any user of the organization.")
    @APIResponse(responseCode = "200", description = "The subscription; ETag carries its version",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class),
                    examples = @ExampleObject(name = "standard", value = EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not a user of an organization (e.g. a partner client)")
    public Response get() {
        var c = permissions.requireView();
        return ok(subscriptions.view(c.orgId()));
    }

    @POST
    @Path("/seats")
    @Operation(summary = "Purchase seats", description = "Adds seats to a licence type (LIC-01). OWNER only. Team seats need STANDARD or above (LIC-02).")
    @APIResponse(responseCode = "200", description = "The subscription after the purchase",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "409", description = "team-licences-unavailable-on-plan")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response purchase(@Valid @NotNull PurchaseSeats request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        var owner = permissions.requireManage();
        return ok(subscriptions.purchase(owner.orgId(), request.pool(), request.quantity(), ETags.expectedVersion(ifMatch)));
    }

    @PUT
    @Path("/seats/{pool}")
    @Operation(summary = "Set the purchased seat count", description = "Raises or reduces the purchased seats of a licence type; never below the assigned count. OWNER only.")
    @APIResponse(responseCode = "200", description = "The subscription after the change",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Unknown licence type or invalid count")
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "409", description = "seats-below-assigned: more seats are assigned than the new count")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response setPurchased(@PathParam("pool") SeatPool pool, @Valid @NotNull SetSeats request,
                                 @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        var owner = permissions.requireManage();
        return ok(subscriptions.setPurchased(owner.orgId(), pool, request.purchased(), ETags.expectedVersion(ifMatch)));
    }

    @PUT
    @Path("/plan")
    @Operation(summary = "Change the plan", description = "OWNER only. Moving to FREE switches team-user licences off and announces every team user holding a seat (LIC-06).")
    @APIResponse(responseCode = "200", description = "The subscription on its new plan",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response changePlan(@Valid @NotNull ChangePlan request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        var owner = permissions.requireManage();
        return ok(subscriptions.changePlan(owner.orgId(), request.plan(), ETags.expectedVersion(ifMatch)));
    }

    @PUT
    @Path("/team-licences")
    @Operation(summary = "Switch team-user licences on or off", description = "OWNER only. On needs STANDARD or above (LIC-02); off deactivates every team user (LIC-05, through the team-licences-disabled event).")
    @APIResponse(responseCode = "200", description = "The subscription after the change",
            content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "409", description = "team-licences-unavailable-on-plan")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current version")
    public Response teamLicences(@Valid @NotNull TeamLicences request, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        var owner = permissions.requireManage();
        return ok(subscriptions.setTeamLicences(owner.orgId(), request.enabled(), ETags.expectedVersion(ifMatch)));
    }

    private static Response ok(SubscriptionView view) {
        return Response.ok(view).tag(new jakarta.ws.rs.core.EntityTag(String.valueOf(view.version()))).build();
    }
}
