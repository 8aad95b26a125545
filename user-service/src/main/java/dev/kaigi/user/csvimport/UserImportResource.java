package dev.kaigi.user.csvimport;

import dev.kaigi.chassis.security.PartnerScopes;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import dev.kaigi.chassis.idempotency.IdempotentCreation;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.problem.ProblemMessages;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.user.csvimport.ImportViews.ImportView;
import dev.kaigi.user.csvimport.ImportViews.IssueView;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/user-imports}: CSV import of users and the import history (BLK-01…04). OWNERs only. */
@Path("/api/v1/user-imports")
@Tag(name = "User imports", description = "Bulk creation of users from CSV")
@Produces(MediaType.APPLICATION_JSON)
public class UserImportResource {

    @Inject
    ImportPermissions permissions;
    @Inject
    CurrentCaller caller;
    @Inject
    IdempotentCreation idempotent;
    @Inject
    UserImportService imports;
    @Inject
    ImportWorker worker;
    @ConfigProperty(name = "kaigi.imports.max-file-size", defaultValue = "20M")
    io.quarkus.runtime.configuration.MemorySize maxFileSize;

    @Schema(name = "UserImportPage")
    public record ImportPage(List<ImportView> items, int page, int size, long totalItems, long totalPages) {
    }

    @Schema(name = "UserImportIssuePage")
    public record IssuePage(List<IssueView> items, int page, int size, long totalItems, long totalPages) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Import users from a CSV file",
            description = """
                    Multipart form: `file` (CSV, UTF-8 with or without BOM or Shift_JIS, CRLF or LF, quoted fields may hold \
                    commas and line breaks; header row with `email` and `lastName`, optionally `firstName`, `role`, `userType`, \
                    `permissionProfile` (name or id), `userId`, `contact`, `slackMemberId`, `zoomPersonalMeetingUrl`, \
                    `emailSignature`, `phone`, `mobile`, `fax`, `website`, `address`, `otherInfo`, `teams` (names separated by `;`); Japanese headers such as \
                    `メールアドレス`, `姓`, `名` are understood), `mode` (ADD or UPSERT), `skipDuplicatesBy` (EMAIL or USER_ID), \
                    `locale` of the invitation mails, `mapping` (the file's own column names to those fields, JSON; the organization's \
                    saved mapping applies too, BLK-06). The file is checked whole first: a malformed one is refused with its row and \
                    nothing is imported. The rows are then imported in the background: poll the Location for progress. Each new \
                    user takes a seat; rows past the last free seat are skipped (BLK-01…04). OWNERs only: a row's `role` can make \
                    users OWNERs, which a partner integration may not, so partners add users one by one (POST /api/v1/users).""")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the import",
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "400", description = "The file cannot be imported: the problem names the row and reason (csv-empty, csv-no-rows, validation-failed with errors[].field mapping.<column>: unknown-profile-field, field-mapped-twice, column-not-in-file, csv-unknown-column, csv-missing-column, csv-duplicate-column, csv-cell-count, csv-control-character, csv-unclosed-quote, csv-stray-quote, csv-text-after-quote, csv-encoding, csv-mixed-encoding, csv-too-many-rows)")
    @APIResponse(responseCode = "403", description = "Not an OWNER (a partner integration included)")
    @APIResponse(responseCode = "413", description = "file-too-large")
    public Response upload(@RestForm("file") @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary") FileUpload file,
                           @RestForm("mode") @DefaultValue("ADD") UserImport.Mode mode,
                           @RestForm("skipDuplicatesBy") UserImport.DuplicateKey skipDuplicatesBy,
                           @RestForm("locale") @DefaultValue("ja") @Pattern(regexp = "^(ja|en)$") String locale,
                           @RestForm("mapping") @Schema(description = "The file's column names to profile fields (BLK-06), a JSON "
                                   + "object as in PUT /api/v1/user-imports/column-mapping; over the saved mapping, column by column",
                                   example = "\"{\\\"メール\\\": \\\"email\\\", \\\"氏\\\": \\\"lastName\\\", \\\"備考\\\": null}\"") String mapping,
                           @Parameter(description = "Makes retries safe: the same request with the same key answers the first result; "
                                   + "1–100 of A–Z a–z 0–9 _ . : -") @HeaderParam(IdempotentCreation.HEADER) String key,
                           @Context UriInfo uri) {
        Actor owner = permissions.requireImport();
        if (file == null) {
            throw ProblemException.invalidField("file", "required");
        }
        if (file.size() > maxFileSize.asLongValue()) {
            throw new ProblemException(413, "file-too-large", maxFileSize.asLongValue() / (1024 * 1024));
        }
        byte[] content = read(file);
        UserImportService.Options options = new UserImportService.Options(fileName(file), mode, skipDuplicatesBy, locale,
                UploadedColumnMapping.read(mapping).columns());
        UserImportService.Accepted[] accepted = new UserImportService.Accepted[1];
        Response answer = idempotent.run(caller.get(), key, "POST", uri.getPath(), new UploadFingerprint(options, sha256(content)), () -> {
            accepted[0] = imports.accept(owner, content, options);
            ImportView job = accepted[0].job();
            return Response.accepted(job).location(uri.getAbsolutePathBuilder().path(job.id().toString()).build()).build();
        });
        if (accepted[0] != null) { // not a replay: start it once its row has committed, or the worker would not find it
            worker.submit(accepted[0].job().id(), accepted[0].file());
        }
        return answer;
    }

    /** What makes two uploads "the same" for an Idempotency-Key: the options and the file's bytes. */
    record UploadFingerprint(UserImportService.Options options, String fileSha256) {
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Operation(summary = "Import history", description = "OWNER, or a partner with scope users:read. Newest first, with totals (BLK-02).")
    @APIResponse(responseCode = "200", description = "A page of imports", content = @Content(schema = @Schema(implementation = ImportPage.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:read")
    public Page<ImportView> history(@BeanParam @Valid PageRequest page) {
        UUID org = permissions.requireView();
        return imports.history(org, page);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Path("/{id}")
    @Operation(summary = "An import and its progress", description = "OWNER, or a partner with scope users:read.")
    @APIResponse(responseCode = "200", description = "The import", content = @Content(schema = @Schema(implementation = ImportView.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:read")
    @APIResponse(responseCode = "404", description = "No such import in the caller's organization")
    public ImportView get(@PathParam("id") UUID id) {
        UUID org = permissions.requireView();
        return imports.get(org, id);
    }

    @SecurityRequirement(name = "bearer", scopes = PartnerScopes.USERS_READ)
    @GET
    @Path("/{id}/issues")
    @Operation(summary = "Rows not imported", description = "OWNER, or a partner with scope users:read. Each skipped or failed row with its number and reason, in file order (BLK-02).")
    @APIResponse(responseCode = "200", description = "A page of rows", content = @Content(schema = @Schema(implementation = IssuePage.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER or a partner with scope users:read")
    @APIResponse(responseCode = "404", description = "No such import in the caller's organization")
    public Page<IssueView> issues(@PathParam("id") UUID id, @QueryParam("outcome") RowOutcome.Kind outcome,
                                  @BeanParam @Valid PageRequest page, @Context HttpHeaders headers) {
        UUID org = permissions.requireView();
        return imports.issues(org, id, outcome, page, ProblemMessages.choose(headers.getAcceptableLanguages()));
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fileName(FileUpload file) {
        String name = file.fileName();
        return name == null || name.isBlank() ? null : name.length() > 255 ? name.substring(0, 255) : name;
    }
}
