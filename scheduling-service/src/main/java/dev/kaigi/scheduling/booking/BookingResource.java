package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.ChecksRevokedCaller;
import dev.kaigi.scheduling.booking.BookingJson.BookingPage;
import dev.kaigi.scheduling.booking.BookingJson.BookingRequest;
import dev.kaigi.scheduling.booking.BookingJson.BookingView;
import dev.kaigi.scheduling.booking.BookingJson.CancelRequest;
import dev.kaigi.scheduling.booking.BookingJson.ReassignRequest;
import dev.kaigi.scheduling.booking.BookingJson.RescheduleRequest;
import dev.kaigi.scheduling.booking.BookingMoves.Changed;
import dev.kaigi.scheduling.booking.BookingMoves.Reschedule;
import dev.kaigi.scheduling.booking.BookingService.BookCommand;
import dev.kaigi.scheduling.booking.BookingService.Channel;
import dev.kaigi.scheduling.booking.BookingService.Outcome;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.meetingtype.BookableTypes.InOrganization;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code /api/v1/bookings}: booking a meeting with a token (SCH-08), reading, cancelling,
 * rescheduling (MTG-03) and reassigning (MTG-04). A host sees and changes their own bookings, a
 * MANAGER or OWNER the organization's; others' answer 404.
 */
@Path("/api/v1/bookings")
@Tag(name = "Bookings", description = "Meetings booked with the organization's hosts")
@Produces(MediaType.APPLICATION_JSON)
public class BookingResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @Inject
    BookingPermissions permissions;
    @Inject
    BookingService bookings;
    @Inject
    BookingMoves moves;

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.BOOKINGS_WRITE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ChecksRevokedCaller // in the booking's first round trip (BookingReads)
    @Operation(summary = "Book a meeting", description = "OWNER, MANAGER or MEMBER, or a partner with scope bookings:write. Kaigi picks the fairest eligible host of the "
            + "meeting type's pool (fewest meetings that day in the host's zone, then longest since the last one, then pool order). "
            + "With an Idempotency-Key, sending the same request again returns the first answer.")
    @APIResponse(responseCode = "201", description = "Booked; Location names it", content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "400", description = "start in the past, inside the minimum notice or beyond the horizon; unknown meeting type")
    @APIResponse(responseCode = "403", description = "RESTRICTED, no organization role, or a partner without scope bookings:write")
    @APIResponse(responseCode = "409", description = "no-host-available: errors name every pool host (hosts[<userId>]) with their reason")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key was used for another request")
    public Response book(@Valid @NotNull BookingRequest request,
                         @Parameter(description = "Makes retries safe: 1–100 of A–Z a–z 0–9 _ . : -") @HeaderParam(IDEMPOTENCY_KEY) String key,
                         @Context UriInfo uri) {
        Caller c = permissions.requireBook();
        String idempotencyKey = Params.idempotencyKey(key);
        UUID user = c.user().orElse(null); // partners have none, and pass LIF-01
        Outcome outcome = bookings.book(new BookCommand(new InOrganization(c.orgId(), request.meetingTypeId()), user,
                request.start(), request.lead(), request.notes(), Channel.API, idempotencyKey), Instant.now());
        return created(location(uri, outcome.bookingId()), outcome);
    }

    /**
     * The new booking's address, put together as text: a UriBuilder with a path template (a regex
     * per template, URI parsing per part) was a twentieth of a booking's CPU in the profile.
     */
    static URI location(UriInfo uri, UUID bookingId) {
        String base = uri.getBaseUri().toString();
        return URI.create(base + (base.endsWith("/") ? "" : "/") + "api/v1/bookings/" + bookingId);
    }

    /** 201 with the booking's JSON (the stored one on a replay); {@code location} may be null (public pages have no GET). */
    public static Response created(URI location, Outcome outcome) {
        Response.ResponseBuilder r = Response.status(201).location(location).type(MediaType.APPLICATION_JSON).entity(outcome.body());
        if (outcome.replayed()) {
            r.header("Idempotent-Replayed", "true");
        }
        return r.build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.BOOKINGS_WRITE)
    @GET
    @Operation(summary = "List bookings", description = "A MANAGER, an OWNER or a partner with scope bookings:write sees the organization's, anyone else the meetings they host. "
            + "Start order, paged; from/to select meetings overlapping that span.")
    @APIResponse(responseCode = "200", description = "A page of bookings", content = @Content(schema = @Schema(implementation = BookingPage.class)))
    public Page<BookingView> list(@BeanParam @Valid PageRequest page,
                                  @Parameter(description = "Only this host's") @QueryParam("hostUserId") UUID hostUserId,
                                  @QueryParam("status") BookingStatus status,
                                  @Parameter(description = "ISO-8601 date-time with offset") @QueryParam("from") String from,
                                  @Parameter(description = "ISO-8601 date-time with offset") @QueryParam("to") String to) {
        Caller c = permissions.requireView();
        return bookings.list(c.orgId(), BookingPermissions.onlyHost(c), hostUserId, status, Params.instant("from", from), Params.instant("to", to), page);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.BOOKINGS_WRITE)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read a booking", description = "Its host, a MANAGER, an OWNER or a partner with scope bookings:write. "
            + "The ETag is the booking's sequence, for If-Match on a change.")
    @APIResponse(responseCode = "200", description = "The booking", content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "404", description = "No such booking the caller may see")
    public Response get(@PathParam("id") UUID id) {
        Caller c = permissions.requireView();
        BookingView b = bookings.get(c.orgId(), id, BookingPermissions.onlyHost(c));
        return Response.ok(b).tag(etag(b.sequence())).build();
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.BOOKINGS_WRITE)
    @POST
    @Path("/{id}/reschedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a booking to another start", description = "MTG-03. Its host, a MANAGER, an OWNER or a partner with scope "
            + "bookings:write. The host keeps the meeting when eligible at the new time (the cap counts on the new day, the old day is "
            + "freed), otherwise the pool's fair choice picks another host; the move is atomic and announced as meeting-rescheduled.")
    @APIResponse(responseCode = "200", description = "The moved booking; ETag its new sequence",
            content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "400", description = "start not on the slot grid or not whole minutes; If-Match malformed")
    @APIResponse(responseCode = "404", description = "No such booking the caller may see")
    @APIResponse(responseCode = "409", description = "booking-cancelled; booking-in-the-past; cannot-reschedule (start in the past, inside "
            + "the minimum notice or beyond the booking window); no-host-available with every pool host's reason")
    @APIResponse(responseCode = "412", description = "booking-changed: If-Match names an older sequence")
    @APIResponse(responseCode = "422", description = "idempotency-key-reused")
    public Response reschedule(@PathParam("id") UUID id, @Valid @NotNull RescheduleRequest request,
                               @Parameter(description = "The sequence read, as the ETag gave it (\"3\")") @HeaderParam("If-Match") String ifMatch,
                               @Parameter(description = "Makes retries safe") @HeaderParam(IDEMPOTENCY_KEY) String key) {
        Caller c = permissions.requireManage();
        Integer sequence = Params.ifMatch(ifMatch);
        String idempotencyKey = Params.idempotencyKey(key);
        Changed changed = moves.reschedule(new Reschedule(c.orgId(), id, BookingPermissions.onlyHost(c), request.start(), sequence,
                request.reason(), Acting.of(c), c.user().orElse(null), idempotencyKey), Instant.now());
        return changed(changed);
    }

    @POST
    @Path("/{id}/reassign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand a booking to another host", description = "MTG-04. MANAGER or OWNER. The host must be eligible at the meeting's "
            + "time (hours, breaks, cap of that day, no overlap, ...); announced as meeting-reassigned. Handing it to its own host changes nothing.")
    @APIResponse(responseCode = "200", description = "The booking with its new host; ETag its new sequence",
            content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "400", description = "hostUserId is no host of the organization; If-Match malformed")
    @APIResponse(responseCode = "403", description = "Not a MANAGER or OWNER")
    @APIResponse(responseCode = "404", description = "No such booking")
    @APIResponse(responseCode = "409", description = "booking-cancelled; booking-in-the-past; host-not-eligible with the host's reasons")
    @APIResponse(responseCode = "412", description = "booking-changed: If-Match names an older sequence")
    public Response reassign(@PathParam("id") UUID id, @Valid @NotNull ReassignRequest request,
                             @Parameter(description = "The sequence read, as the ETag gave it (\"3\")") @HeaderParam("If-Match") String ifMatch) {
        Caller c = permissions.requireReassign();
        Integer sequence = Params.ifMatch(ifMatch);
        return changed(moves.reassign(c.orgId(), id, request.hostUserId(), sequence, Acting.of(c), c.user().orElse(null), Instant.now()));
    }

    private static Response changed(Changed changed) {
        Response.ResponseBuilder r = Response.ok(changed.body(), MediaType.APPLICATION_JSON).tag(etag(changed.sequence()));
        if (changed.replayed()) {
            r.header("Idempotent-Replayed", "true");
        }
        return r.build();
    }

    private static EntityTag etag(int sequence) {
        return new EntityTag(Integer.toString(sequence));
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.BOOKINGS_WRITE)
    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a booking", description = "Its host, a MANAGER, an OWNER or a partner with scope bookings:write; frees the host's day and time and "
            + "announces meeting-cancelled. Cancelling a cancelled booking changes nothing.")
    @APIResponse(responseCode = "200", description = "The cancelled booking", content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "404", description = "No such booking the caller may see")
    @APIResponse(responseCode = "409", description = "booking-in-the-past")
    public BookingView cancel(@PathParam("id") UUID id, @Valid @NotNull CancelRequest request) {
        Caller c = permissions.requireManage();
        // the body is required ({} cancels without a reason), so an empty POST cancels nothing by mistake
        return bookings.cancel(c.orgId(), id, BookingPermissions.onlyHost(c), request.reason(), Acting.of(c), Instant.now());
    }
}
