package dev.kaigi.integration.mailoption.backup;

import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.UUID;

/**
 * {@code /api/v1/backed-up-messages}: the mail that mailbox backups copied (INT-11), for every user related to it:
 * OWNERs all of it, a host the messages exchanged with the leads of their meetings. Anything else answers 404.
 */
@Path("/api/v1/backed-up-messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mail-option users", description = "Hosts who receive their booking notifications by mail")
public class BackedUpMessageResource {

    private static final String RFC822 = "message/rfc822";

    @Inject
    BackedUpMessagePermissions permissions;
    @Inject
    BackedUpMessageService messages;

    @GET
    @Operation(summary = "INT-11: the backed-up messages the caller may read, newest first")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<BackedUpMessageSummary> list(@QueryParam("mailboxUserId") UUID mailboxUserId,
                                             @QueryParam("lead") @Email @Size(max = 320) String lead,
                                             @BeanParam @Valid PageRequest page) {
        BackedUpMessagePermissions.Reader reader = permissions.requireRead();
        return messages.list(reader, mailboxUserId, lead, page);
    }

    @GET
    @Path("/{messageId}")
    @Operation(summary = "INT-11: one backed-up message: headers, text, attachment names")
    @APIResponse(responseCode = "200", description = "The message")
    @APIResponse(responseCode = "404", description = "No such message that the caller may read")
    public BackedUpMessageView read(@PathParam("messageId") UUID messageId) {
        BackedUpMessagePermissions.Reader reader = permissions.requireRead();
        return messages.read(reader, messageId);
    }

    @GET
    @Path("/{messageId}/raw")
    @Produces(RFC822)
    @Operation(summary = "INT-11: the message as it was in the mailbox (an .eml file)")
    @APIResponse(responseCode = "200", description = "The raw RFC 822 message",
            content = @Content(mediaType = RFC822, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such message that the caller may read")
    public Response raw(@PathParam("messageId") UUID messageId) {
        BackedUpMessagePermissions.Reader reader = permissions.requireRead();
        return Response.ok(messages.raw(reader, messageId), RFC822)
                .header("Content-Disposition", "attachment; filename=\"" + messageId + ".eml\"").build();
    }
}
