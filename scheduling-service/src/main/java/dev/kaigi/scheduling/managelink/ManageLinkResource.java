package dev.kaigi.scheduling.managelink;

import dev.kaigi.chassis.text.SingleLine;
import dev.kaigi.scheduling.availability.AvailabilityService;
import dev.kaigi.scheduling.availability.AvailabilityService.AvailabilityView;
import dev.kaigi.scheduling.booking.ManagedBookings;
import dev.kaigi.scheduling.booking.ManagedBookings.ManagedView;
import dev.kaigi.scheduling.config.Params;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * {@code /api/v1/public/bookings/{token}}: the lead's manage link (MTG-02), without a sign-in. The
 * token, which the booking's 201 and every mail to the lead carry, is the only handle; it works
 * until the meeting ends. Rate-limited per client address like the public booking pages.
 */
@Path("/api/v1/public/bookings/{token}")
@Tag(name = "Manage links", description = "What a lead does with a booking through the link in their confirmation; the link is the credential")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ManageLinkResource {

    @Schema(name = "ManagedCancelRequest")
    public record CancelRequest(@Size(max = 500) @SingleLine String reason) {
    }

    @Schema(name = "ManagedRescheduleRequest")
    public record RescheduleRequest(
            @NotNull @Schema(description = "A start from this link's availability, ISO-8601 with offset",
                    example = "2026-12-08T10:00:00+09:00") OffsetDateTime start,
            @Size(max = 500) @SingleLine String reason) {
    }

    @Inject
    ManagedBookings bookings;
    @Inject
    AvailabilityService availability;

    @GET
    @Operation(summary = "The lead's booking", description = "No sign-in: the manage token is the handle. Times also in the lead's zone; "
            + "the host's name; the join link once the conference exists.")
    @APIResponse(responseCode = "200", description = "The booking", content = @Content(schema = @Schema(implementation = ManagedView.class)))
    @APIResponse(responseCode = "404", description = "No such booking: a wrong or tampered token, or the meeting has ended")
    @APIResponse(responseCode = "429", description = "rate-limited; Retry-After says when to come back")
    public ManagedView get(@PathParam("token") String token) {
        return bookings.view(token, Instant.now());
    }

    @POST
    @Path("/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel as the lead", description = "Up to the meeting's start; the host and the lead are told (meeting-cancelled). "
            + "Cancelling a cancelled booking changes nothing.")
    @APIResponse(responseCode = "200", description = "The cancelled booking", content = @Content(schema = @Schema(implementation = ManagedView.class)))
    @APIResponse(responseCode = "404", description = "No such booking")
    @APIResponse(responseCode = "409", description = "booking-in-the-past: the meeting has started")
    @APIResponse(responseCode = "429", description = "rate-limited")
    public ManagedView cancel(@PathParam("token") String token, @Valid @NotNull CancelRequest request) {
        return bookings.cancel(token, request.reason(), Instant.now());
    }

    @POST
    @Path("/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move to another start as the lead", description = "MTG-03: the host keeps the meeting when free at the new time, "
            + "otherwise the pool's fair choice; announced as meeting-rescheduled.")
    @APIResponse(responseCode = "200", description = "The moved booking", content = @Content(schema = @Schema(implementation = ManagedView.class)))
    @APIResponse(responseCode = "400", description = "start not on the slot grid or not whole minutes")
    @APIResponse(responseCode = "404", description = "No such booking")
    @APIResponse(responseCode = "409", description = "booking-cancelled, booking-in-the-past, cannot-reschedule (inside the minimum notice, "
            + "beyond the booking window), no-host-available")
    @APIResponse(responseCode = "429", description = "rate-limited")
    public ManagedView reschedule(@PathParam("token") String token, @Valid @NotNull RescheduleRequest request) {
        return bookings.reschedule(token, request.start(), request.reason(), Instant.now());
    }

    @GET
    @Path("/availability")
    @Operation(summary = "Starts the booking can move to", description = "As the booking page's availability (SCH-09) for the booking's "
            + "meeting type: from/to are dates in timeZone, at most 62 days.")
    @APIResponse(responseCode = "200", description = "Slots by day", content = @Content(schema = @Schema(implementation = AvailabilityView.class)))
    @APIResponse(responseCode = "400", description = "from, to or timeZone missing or invalid")
    @APIResponse(responseCode = "404", description = "No such booking")
    @APIResponse(responseCode = "429", description = "rate-limited")
    public AvailabilityView availability(@PathParam("token") String token,
                                         @Parameter(description = "First day, ISO date") @QueryParam("from") String from,
                                         @Parameter(description = "Last day (inclusive), ISO date") @QueryParam("to") String to,
                                         @Parameter(description = "IANA zone, e.g. Asia/Tokyo") @QueryParam("timeZone") String timeZone) {
        Instant now = Instant.now();
        return availability.availability(bookings.type(token, now), Params.date("from", from), Params.date("to", to),
                Params.zone("timeZone", timeZone), now);
    }
}
