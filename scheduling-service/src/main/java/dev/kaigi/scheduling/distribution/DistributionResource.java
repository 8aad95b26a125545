package dev.kaigi.scheduling.distribution;

import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.scheduling.config.Params;
import dev.kaigi.scheduling.distribution.DistributionJson.DistributionView;
import dev.kaigi.scheduling.distribution.DistributionJson.HostDistribution;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.meetingtype.BookableTypes;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/meeting-types/{id}/distribution}: how the pool's meetings of a period went to its hosts (AVL-06). */
@Path("/api/v1/meeting-types/{id}/distribution")
@Tag(name = "Meeting types", description = "What can be booked: duration, host pool, booking rules")
public class DistributionResource {

    static final String CSV = "text/csv";
    /** The longest period one report covers. */
    static final int MAX_DAYS = 366;

    @Inject
    ReportPermissions permissions;
    @Inject
    BookableTypes bookable;
    @Inject
    DistributionReport report;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @Operation(summary = "Distribution of a meeting type's meetings", description = "MANAGER or OWNER (permission profile: see reports). "
            + "Per host of the pool, and per host who left it but held or was passed over for meetings in the period: the meetings "
            + "starting in [from, to) (at most 366 days), their share against the target share of the host's weight (AVL-05), and "
            + "how many the host could not take, by eligibility reason, as recorded when each meeting's host was chosen. JSON, "
            + "or CSV (RFC 4180, a header line, one line per host of the page) with Accept: text/csv or format=csv.")
    @APIResponse(responseCode = "200", description = "One page of the report", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DistributionView.class)),
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "from or to missing or invalid, to not after from, a period over 366 days, "
            + "a format other than json or csv, or invalid paging")
    @APIResponse(responseCode = "403", description = "Not a MANAGER or OWNER, or a profile without see reports")
    @APIResponse(responseCode = "404", description = "No such meeting type in the caller's organization")
    public Response distribution(@PathParam("id") UUID id,
                                 @Parameter(description = "Start of the period, ISO date-time with offset") @QueryParam("from") String from,
                                 @Parameter(description = "End of the period (excluded), ISO date-time with offset") @QueryParam("to") String to,
                                 @Parameter(description = "json (default) or csv; overrides Accept") @QueryParam("format") String format,
                                 @BeanParam @Valid PageRequest page, @Context HttpHeaders headers) {
        Caller c = permissions.requireReports();
        Instant first = Params.instant("from", Params.required("from", from));
        Instant end = Params.instant("to", Params.required("to", to));
        if (!end.isAfter(first)) {
            throw ProblemException.invalidField("to", "range-reversed");
        }
        if (Duration.between(first, end).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw ProblemException.invalidField("to", "range-too-long", MAX_DAYS);
        }
        boolean csv = csv(format, headers);
        BookableType type = bookable.inOrganization(c.orgId(), id).orElseThrow(() -> ProblemException.notFound("meeting-type"));
        DistributionView view = report.report(type, first, end, page);
        if (!csv) {
            return Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(csv(view), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"distribution-" + id + ".csv\"").build();
    }

    /** CSV when format=csv, or without format when the client prefers text/csv to JSON. */
    private static boolean csv(String format, HttpHeaders headers) {
        if (format != null) {
            return switch (format) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalidField("format", "invalid-value");
            };
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(MediaType.valueOf(CSV))) {
                return true;
            }
        }
        return false;
    }

    /** The page as CSV: a header line, then one line per host; the reasons are the columns after the shares. */
    static String csv(DistributionView view) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("hostUserId", "lastName", "firstName", "inPool", "weight", "priority", "meetings",
                "share", "targetShare"));
        for (Reason r : Reason.values()) {
            header.add("passedOver:" + r.code());
        }
        out.append(CsvCells.line(header));
        for (HostDistribution h : view.items()) {
            List<String> cells = new ArrayList<>(List.of(CsvCells.text(h.hostUserId().toString()), CsvCells.text(h.lastName()),
                    CsvCells.text(h.firstName()), CsvCells.number(h.inPool()), CsvCells.number(h.weight()), CsvCells.number(h.priority()),
                    CsvCells.number(h.meetings()), CsvCells.number(h.share()), CsvCells.number(h.targetShare())));
            for (Reason r : Reason.values()) {
                cells.add(CsvCells.number(h.passedOver().getOrDefault(r.code(), 0L)));
            }
            out.append(CsvCells.line(cells));
        }
        return out.toString();
    }
}
