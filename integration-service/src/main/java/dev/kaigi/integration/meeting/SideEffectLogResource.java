package dev.kaigi.integration.meeting;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** {@code /api/v1/bookings/{bookingId}/side-effects}: what was done for a booking, when, with which provider id, what failed. */
@Path("/api/v1/bookings/{bookingId}/side-effects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Bookings", description = "Meetings booked with the organization's hosts")
public class SideEffectLogResource {

    private static final int MAX = 200;

    @Inject
    MeetingPermissions permissions;
    @Inject
    SideEffectLogService log;

    @GET
    @Operation(summary = "MTG-06: the booking's side effects, oldest first (at most 200): the host, MANAGERs and OWNERs")
    @APIResponse(responseCode = "200", description = "The side effects")
    @APIResponse(responseCode = "403", description = "Neither the host nor a MANAGER or OWNER")
    @APIResponse(responseCode = "404", description = "No such booking in the caller's organization")
    public List<SideEffectView> sideEffects(@PathParam("bookingId") UUID bookingId) {
        permissions.requireViewSideEffects(bookingId);
        return log.of(bookingId, MAX);
    }
}
