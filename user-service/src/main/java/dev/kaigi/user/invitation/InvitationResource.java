package dev.kaigi.user.invitation;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/invitations/{token}/accept|decline}: what the link in an invitation mail does
 * (INV-02). The invitee has no account yet, so the one-time token is the credential.
 */
@Path("/api/v1/invitations/{token}")
@Tag(name = "Invitations", description = "Invitations to join an organization, accepted by the invitee")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class InvitationResource {

    @Inject
    InvitationService invitations;

    @POST
    @Path("/accept")
    @Operation(summary = "Accept an invitation", description = "The user becomes ACTIVE.")
    @APIResponse(responseCode = "200", description = "Joined")
    @APIResponse(responseCode = "404", description = "invitation-invalid: unknown, used, or replaced by a resend")
    @APIResponse(responseCode = "410", description = "invitation-expired (7 days)")
    public InvitationService.Accepted accept(@PathParam("token") @Pattern(regexp = "^[A-Za-z0-9_-]{20,100}$") String token) {
        return invitations.accept(token);
    }

    @POST
    @Path("/decline")
    @Operation(summary = "Decline an invitation", description = "The user leaves the organization's list and the seat is freed.")
    @APIResponse(responseCode = "204", description = "Declined")
    @APIResponse(responseCode = "404", description = "invitation-invalid")
    @APIResponse(responseCode = "410", description = "invitation-expired")
    public void decline(@PathParam("token") @Pattern(regexp = "^[A-Za-z0-9_-]{20,100}$") String token) {
        invitations.decline(token);
    }
}
