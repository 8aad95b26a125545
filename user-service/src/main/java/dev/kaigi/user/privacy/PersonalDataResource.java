package dev.kaigi.user.privacy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.user.security.Actor;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * {@code /api/v1/personal-data}: an OWNER exports what Kaigi holds about a user or a lead, and
 * erases a lead (SEC-04).
 */
@Path("/api/v1/personal-data")
@Tag(name = "Personal data", description = "A person's data export and erasure (SEC-04)")
@Produces(MediaType.APPLICATION_JSON)
public class PersonalDataResource {

    @Inject
    PersonalDataPermissions permissions;
    @Inject
    PersonalDataExports exports;
    @Inject
    LeadErasures erasures;

    /** The export's document: its sections are the services' own and may grow. */
    @Schema(name = "PersonalDataExport", description = "organizationId, generatedAt, subject (userId or leadEmail) and "
            + "services: one object per service (user-service, licensing-service, scheduling-service, integration-service) "
            + "with everything it keeps about the subject; no secrets (tokens, token hashes).")
    public static final class ExportDocument {
        private ExportDocument() {
        }
    }

    @POST
    @Path("/exports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export a user's or a lead's personal data",
            description = "An OWNER whose profile manages users. Exactly one of userId (a user of the organization, also a deleted one) or leadEmail. One JSON document gathered from the four services; when one cannot answer, 503 and nothing is half-exported. Every export is audited.")
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(schema = @Schema(implementation = ExportDocument.class)))
    @APIResponse(responseCode = "400", description = "Neither or both of userId and leadEmail, or a malformed email")
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "503", description = "personal-data-service-unavailable: a service could not answer; try again")
    public ObjectNode export(@Valid @NotNull PersonalDataRequests.Export request) {
        Actor owner = permissions.requireHandle();
        if ((request.userId() == null) == (request.leadEmail() == null)) {
            throw ProblemException.invalidField("userId", "exactly-one-subject");
        }
        return request.userId() != null ? exports.ofUser(owner, request.userId()) : exports.ofLead(owner, request.leadEmail());
    }

    @POST
    @Path("/lead-erasures")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a lead's personal data",
            description = "An OWNER whose profile manages users. Every booking of the lead keeps its times, host and counts and loses the person (name, email, company, answers, notes); the mails and mailbox backups with the lead go. The services do it as they read the lead-erased event, within seconds; older events about the lead read again later stay erased. A booking the same person makes afterwards is kept. Audited; the erasure names the lead by the hash of the email only.")
    @APIResponse(responseCode = "202", description = "Recorded; the services erase as they read it",
            content = @Content(schema = @Schema(implementation = LeadErasureView.class)))
    @APIResponse(responseCode = "400", description = "A missing or malformed email")
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    public Response erase(@Valid @NotNull PersonalDataRequests.Erasure request) {
        Actor owner = permissions.requireHandle();
        return Response.accepted(erasures.erase(owner, request.email())).build();
    }

    @Schema(name = "LeadErasurePage")
    public record LeadErasurePage(List<LeadErasureView> items, int page, int size, long totalItems, long totalPages) {
    }

    @GET
    @Path("/lead-erasures")
    @Operation(summary = "The organization's lead erasures", description = "An OWNER whose profile manages users; newest first, paged.")
    @APIResponse(responseCode = "200", description = "A page of erasures",
            content = @Content(schema = @Schema(implementation = LeadErasurePage.class)))
    @APIResponse(responseCode = "403", description = "Not an OWNER")
    public Page<LeadErasureView> erasures(@BeanParam @Valid PageRequest page) {
        Actor owner = permissions.requireHandle();
        return erasures.list(owner.orgId(), page);
    }
}
