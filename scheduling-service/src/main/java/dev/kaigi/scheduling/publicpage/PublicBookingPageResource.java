package dev.kaigi.scheduling.publicpage;

import dev.kaigi.scheduling.availability.AvailabilityService;
import dev.kaigi.scheduling.availability.AvailabilityService.AvailabilityView;
import dev.kaigi.scheduling.booking.BookingJson.PublicBookingRequest;
import dev.kaigi.scheduling.booking.BookingJson.PublicBookingView;
import dev.kaigi.scheduling.booking.BookingResource;
import dev.kaigi.scheduling.publicpage.PublicBookingPages.BookingPageView;
import dev.kaigi.scheduling.booking.BookingService;
import dev.kaigi.scheduling.booking.BookingService.BookCommand;
import dev.kaigi.scheduling.booking.BookingService.Channel;
import dev.kaigi.scheduling.booking.BookingService.Outcome;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.BookableTypes.OnPublicPage;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;

/**
 * {@code /api/v1/public/booking-pages/{publicId}}: what a company's booking page calls for a lead,
 * without a token. The meeting type's public booking id is the only handle; the
 * answers show a lead nothing more than the type, free slots and their own booking (no hosts, no
 * reasons, no other meetings). Rate-limited per client address ({@link PublicRateLimiter}).
 */
@Path("/api/v1/public/booking-pages/{publicId}")
@Tag(name = "Public booking pages", description = "A meeting type's page where a lead books without an account")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicBookingPageResource {

    @Inject
    PublicBookingPages pages;
    @Inject
    AvailabilityService availability;
    @Inject
    BookingService bookings;

    @GET
    @Operation(summary = "A booking page", description = "No token. The meeting type's name, length and method.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(schema = @Schema(implementation = BookingPageView.class)))
    @APIResponse(responseCode = "404", description = "No such booking page")
    @APIResponse(responseCode = "429", description = "rate-limited; Retry-After says when to come back")
    public BookingPageView page(@PathParam("publicId") String publicId) {
        return pages.page(publicId);
    }

    @GET
    @Path("/availability")
    @Operation(summary = "Bookable slots of a booking page", description = "No token. As the signed-in availability (SCH-09): "
            + "from/to are dates in timeZone, at most 62 days.")
    @APIResponse(responseCode = "200", description = "Slots by day", content = @Content(schema = @Schema(implementation = AvailabilityView.class)))
    @APIResponse(responseCode = "400", description = "from, to or timeZone missing or invalid; range reversed or over 62 days")
    @APIResponse(responseCode = "404", description = "No such booking page")
    @APIResponse(responseCode = "429", description = "rate-limited; Retry-After says when to come back")
    public AvailabilityView availability(@PathParam("publicId") String publicId,
                                         @Parameter(description = "First day, ISO date") @QueryParam("from") String from,
                                         @Parameter(description = "Last day (inclusive), ISO date") @QueryParam("to") String to,
                                         @Parameter(description = "IANA zone, e.g. Asia/Tokyo") @QueryParam("timeZone") String timeZone) {
        BookableType t = pages.type(publicId);
        return availability.availability(t, Params.date("from", from), Params.date("to", to), Params.zone("timeZone", timeZone),
                Instant.now());
    }

    @POST
    @Path("/bookings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Book on a booking page", description = "No token. Kaigi picks the host as for a signed-in booking (SCH-08); "
            + "with an Idempotency-Key a retry returns the first answer.")
    @APIResponse(responseCode = "201", description = "Booked", content = @Content(schema = @Schema(implementation = PublicBookingView.class)))
    @APIResponse(responseCode = "400", description = "start in the past, inside the minimum notice or beyond the horizon")
    @APIResponse(responseCode = "404", description = "No such booking page")
    @APIResponse(responseCode = "409", description = "slot-unavailable: no host can take that time (any more)")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused")
    @APIResponse(responseCode = "429", description = "rate-limited; Retry-After says when to come back")
    public Response book(@PathParam("publicId") String publicId, @Valid @NotNull PublicBookingRequest request,
                         @HeaderParam("Idempotency-Key") String key) {
        String idempotencyKey = Params.idempotencyKey(key);
        PublicBookingPages.requireWellFormed(publicId);
        Outcome outcome = bookings.book(new BookCommand(new OnPublicPage(publicId), null, request.start(),
                request.lead(), request.notes(), Channel.PUBLIC_PAGE, idempotencyKey), Instant.now());
        return BookingResource.created(null, outcome);
    }
}
