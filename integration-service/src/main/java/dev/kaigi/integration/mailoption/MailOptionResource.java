package dev.kaigi.integration.mailoption;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.HeaderParam;
import dev.kaigi.chassis.rest.ETags;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemMessages;
import dev.kaigi.chassis.security.Caller;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Mail-option users (INT-06...09, INT-11). Admins are OWNERs: they list the users, lock and unlock settings and take
 * backups. A user saves their own mailbox, its IMAP login and sharing; an OWNER may set them for a user. A user id of another
 * organization answers 404.
 */
@Path("/api/v1/mail-option-users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Mail-option users", description = "Hosts who receive their booking notifications by mail")
public class MailOptionResource {

    @Inject
    MailOptionPermissions permissions;
    @Inject
    MailOptionService mailOptions;

    public record SettingsRequest(@NotNull MailboxType mailboxType,
                                  @NotBlank @Email @Size(max = 320) String mailboxEmail,
                                  @NotNull Sharing sharing) {
    }

    public record ImapConnectionRequest(@NotBlank @Size(max = 253) String host,
                                        @NotNull @Min(1) @Max(65535) Integer port,
                                        @NotNull ImapSecurity security,
                                        @NotBlank @Size(max = 320) String username,
                                        @NotBlank @Size(max = 1024) String password) {
    }

    @GET
    @Operation(summary = "INT-06: the organization's mail-option users with mailbox type and sharing; backup status of deactivated users")
    @APIResponse(responseCode = "200", description = "One page, in email order")
    public Page<MailOptionUserView> list(@QueryParam("status") @Pattern(regexp = "ACTIVE|DEACTIVATED") String status,
                                         @BeanParam @Valid PageRequest page) {
        Caller caller = permissions.requireManage();
        return mailOptions.list(caller.orgId(), Optional.ofNullable(status), page);
    }

    @GET
    @Path("/{userId}")
    @Operation(summary = "One mail-option user (the user themself or an OWNER)")
    @APIResponse(responseCode = "200", description = "The user's mail-option settings; ETag carries their version",
            content = @Content(schema = @Schema(implementation = MailOptionUserView.class)))
    @APIResponse(responseCode = "404", description = "mail-option-not-set, or a user of another organization")
    public Response get(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireOwnOrManage(userId);
        return withETag(mailOptions.get(caller.orgId(), userId));
    }

    @PUT
    @Path("/{userId}/settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save the mailbox and sharing (the user themself, or an OWNER for them)")
    @APIResponse(responseCode = "200", description = "Saved; ETag carries the new version",
            content = @Content(schema = @Schema(implementation = MailOptionUserView.class)))
    @APIResponse(responseCode = "409", description = "mail-settings-locked: the user's settings are locked (INT-08)")
    @APIResponse(responseCode = "412", description = "If-Match given and the settings changed since")
    public Response save(@PathParam("userId") UUID userId, @Valid @NotNull SettingsRequest request,
                         @Parameter(description = "The ETag read; optional (the first save has none)") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Caller caller = permissions.requireOwnOrManage(userId);
        return withETag(mailOptions.save(caller.orgId(), caller.userId(), userId,
                new MailOptionService.Settings(request.mailboxType(), request.mailboxEmail(), request.sharing()),
                ETags.expectedVersion(ifMatch)));
    }

    @PUT
    @Path("/{userId}/imap-connection")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "INT-11: save the IMAP mailbox a backup reads (the user themself, or an OWNER for them); the password is stored encrypted and never shown")
    @APIResponse(responseCode = "200", description = "Saved")
    @APIResponse(responseCode = "400", description = "A field missing or wrong; host not allowed (imap-host-not-allowed); security NONE where plain IMAP is not allowed (imap-plain-not-allowed)")
    @APIResponse(responseCode = "404", description = "mail-option-not-set: save the mailbox and sharing first")
    @APIResponse(responseCode = "409", description = "mail-settings-locked: the user's settings are locked (INT-08)")
    public MailOptionUserView saveImap(@PathParam("userId") UUID userId, @Valid @NotNull ImapConnectionRequest request) {
        Caller caller = permissions.requireOwnOrManage(userId);
        return mailOptions.saveImap(caller.orgId(), caller.userId(), userId, new MailOptionService.ImapConnection(
                request.host(), request.port(), request.security(), request.username(), request.password()));
    }

    @DELETE
    @Path("/{userId}/imap-connection")
    @Operation(summary = "INT-11: forget the IMAP mailbox and its password (the user themself, or an OWNER for them)")
    @APIResponse(responseCode = "200", description = "Removed")
    @APIResponse(responseCode = "404", description = "mail-option-not-set")
    @APIResponse(responseCode = "409", description = "mail-settings-locked: the user's settings are locked (INT-08)")
    public MailOptionUserView removeImap(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireOwnOrManage(userId);
        return mailOptions.saveImap(caller.orgId(), caller.userId(), userId, null);
    }

    private static Response withETag(MailOptionUserView view) {
        return Response.ok(view).tag(new EntityTag(Long.toString(view.version()))).build();
    }

    @POST
    @Path("/{userId}/lock")
    @Operation(summary = "INT-08: lock the user's mail-option settings")
    @APIResponse(responseCode = "200", description = "Locked")
    @APIResponse(responseCode = "403", description = "own-lock-not-allowed: with several admins, not your own settings")
    @APIResponse(responseCode = "409", description = "lock-needs-sharing: a \"don't share\" user cannot be locked")
    public MailOptionUserView lock(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireManage(userId);
        return mailOptions.lock(caller.orgId(), caller.userId(), userId, true);
    }

    @POST
    @Path("/{userId}/unlock")
    @Operation(summary = "INT-08: unlock the user's mail-option settings")
    @APIResponse(responseCode = "200", description = "Unlocked")
    @APIResponse(responseCode = "403", description = "own-lock-not-allowed: with several admins, not your own settings")
    public MailOptionUserView unlock(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireManage(userId);
        return mailOptions.lock(caller.orgId(), caller.userId(), userId, false);
    }

    @POST
    @Path("/{userId}/backup")
    @Operation(summary = "INT-07: back up a deactivated user's mailbox")
    @APIResponse(responseCode = "202", description = "Started (IN_PROGRESS); mailbox-backup-completed follows")
    @APIResponse(responseCode = "409", description = "backup-user-not-deactivated, backup-needs-share-all, backup-domain-mismatch, backup-needs-imap, backup-in-progress")
    public Response backup(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireManage(userId);
        return Response.accepted(mailOptions.backup(caller.orgId(), caller.userId(), userId, false)).build();
    }

    @POST
    @Path("/{userId}/latest-backup")
    @Operation(summary = "INT-09: take the latest backup of the user's mailbox")
    @APIResponse(responseCode = "202", description = "Started (IN_PROGRESS); mailbox-backup-completed follows")
    @APIResponse(responseCode = "409", description = "latest-backup-sharing-off, latest-backup-settings-not-saved, backup-domain-mismatch, backup-needs-imap, backup-in-progress")
    public Response latestBackup(@PathParam("userId") UUID userId) {
        Caller caller = permissions.requireManage(userId);
        return Response.accepted(mailOptions.backup(caller.orgId(), caller.userId(), userId, true)).build();
    }

    @GET
    @Path("/{userId}/backups")
    @Operation(summary = "The user's backups, newest first (at most 50), with what was copied and why one failed")
    @APIResponse(responseCode = "200", description = "The backups")
    public List<MailboxBackupView> backups(@PathParam("userId") UUID userId, @Context HttpHeaders headers) {
        Caller caller = permissions.requireManage(userId);
        return mailOptions.backups(caller.orgId(), userId, 50, ProblemMessages.choose(headers.getAcceptableLanguages()));
    }
}
