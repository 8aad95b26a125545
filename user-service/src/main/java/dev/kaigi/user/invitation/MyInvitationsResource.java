package dev.kaigi.user.invitation;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/**
 * {@code /api/v1/me/invitations}: a signed-in person's pending invitations, to any organization, answered in the
 * product rather than from the mail (INV-06). The mail's link keeps working ({@link InvitationResource}); either
 * way an invitation is answered once.
 */
@Path("/api/v1/me/invitations")
@Tag(name = "Invitations", description = "Invitations to join an organization, accepted by the invitee")
@Produces(MediaType.APPLICATION_JSON)
public class MyInvitationsResource {

    @Inject
    InvitationPermissions permissions;
    @Inject
    InvitationService invitations;

    @GET
    @Operation(summary = "My pending invitations", description = "The signed-in person's live invitations, newest first: a "
            + "Kaigi user's own address, or the verified address of an identity not in an organization yet (INV-06).")
    @APIResponse(responseCode = "200", description = "Pending, unexpired invitations",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = InvitationService.Pending.class)))
    @APIResponse(responseCode = "403", description = "A caller without an address: a partner or service client, or an "
            + "identity whose email is not verified")
    public List<InvitationService.Pending> list() {
        return invitations.pendingFor(permissions.requireInvitee());
    }

    @POST
    @Path("/{id}/accept")
    @Operation(summary = "Accept one of my invitations", description = "The invited user becomes ACTIVE, as with the mail's link.")
    @APIResponse(responseCode = "200", description = "Joined")
    @APIResponse(responseCode = "403", description = "A caller without an address")
    @APIResponse(responseCode = "404", description = "invitation-invalid: unknown, answered, replaced by a resend, or sent to someone else")
    @APIResponse(responseCode = "410", description = "invitation-expired (7 days)")
    public InvitationService.Accepted accept(@PathParam("id") UUID id) {
        return invitations.acceptAs(permissions.requireInvitee(), id);
    }

    @POST
    @Path("/{id}/decline")
    @Operation(summary = "Decline one of my invitations", description = "The invited user leaves the organization's list and the seat is freed.")
    @APIResponse(responseCode = "204", description = "Declined")
    @APIResponse(responseCode = "403", description = "A caller without an address")
    @APIResponse(responseCode = "404", description = "invitation-invalid")
    @APIResponse(responseCode = "410", description = "invitation-expired")
    public void decline(@PathParam("id") UUID id) {
        invitations.declineAs(permissions.requireInvitee(), id);
    }
}
