package dev.kaigi.chassis.testapp;

import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

/** Test-only endpoints that fail in each way a real endpoint can, to check the problem+json answers. */
@Path("/api/v1/probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    public enum Colour { RED, BLUE }

    public record Item(@NotBlank String name, @Min(1) int quantity) {
    }

    public record Order(@NotBlank @Email String email,
                        @NotNull @Size(min = 1, max = 3) List<@Valid Item> items,
                        Colour colour,
                        LocalDate deliverOn) {
    }

    @Inject
    CurrentCaller caller;
    @Inject
    dev.kaigi.chassis.idempotency.IdempotentCreation idempotent;
    @Inject
    io.agroal.api.AgroalDataSource db;

    /** A note to create; {@code refuse} makes the creation fail after its insert (409), to prove nothing stays behind. */
    public record NoteRequest(@NotBlank String text, boolean refuse) {
    }

    public record NoteView(java.util.UUID id, String text) {
    }

    /** A create endpoint with Idempotency-Key, the way the services' create endpoints use it. */
    @POST
    @Path("/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public jakarta.ws.rs.core.Response createNote(@Valid @NotNull NoteRequest request,
                                                 @jakarta.ws.rs.HeaderParam(dev.kaigi.chassis.idempotency.IdempotentCreation.HEADER) String key) {
        var c = Permission.of("probe", Roles.OWNER, Roles.MEMBER).require(caller.get());
        return idempotent.run(c, key, "POST", "/api/v1/probe/notes", request, () -> {
            java.util.UUID id = java.util.UUID.randomUUID();
            try (var conn = db.getConnection(); var ps = conn.prepareStatement("insert into note (id, text) values (?, ?)")) {
                ps.setObject(1, id);
                ps.setString(2, request.text());
                ps.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            if (request.refuse()) {
                throw ProblemException.conflict("conflict");
            }
            return jakarta.ws.rs.core.Response.created(java.net.URI.create("/api/v1/probe/notes/" + id))
                    .entity(new NoteView(id, request.text())).build();
        });
    }

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Order create(@Valid @NotNull Order order) {
        return order;
    }

    /** A mail to send: its subject is one line, its text may span lines. */
    public record Message(@NotBlank @dev.kaigi.chassis.text.SingleLine String subject, String text) {
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Message send(@Valid @NotNull Message message) {
        return message;
    }

    @GET
    @Path("/owners-only")
    public String ownersOnly() {
        Permission.of("probe-owner", Roles.OWNER).require(caller.get());
        return "{\"ok\":true}";
    }

    /** Logs one line naming {@code note}, for any caller or none: what a request's log line carries. */
    @GET
    @Path("/log-line")
    @jakarta.annotation.security.PermitAll
    public String logLine(@jakarta.ws.rs.QueryParam("note") String note) {
        org.jboss.logging.Logger.getLogger(ProbeResource.class).infof("probe log line %s", note);
        return "{\"ok\":true}";
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw ProblemException.conflict("conflict");
    }

    @GET
    @Path("/failure")
    public String failure() {
        throw new IllegalStateException("secret internal detail");
    }

    /** What a request meets when pg_terminate_backend cuts its connection at commit (as Narayana reports it). */
    @GET
    @Path("/connection-cut")
    public String connectionCut() {
        Exception commit = new Exception("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction")
                .initCause(new java.sql.SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        throw new IllegalStateException("Error invoking subclass method", commit);
    }

    @GET
    @Path("/numbers")
    public Page<Integer> numbers(@BeanParam @Valid PageRequest page, @jakarta.ws.rs.QueryParam("colour") Colour colour,
                                 @jakarta.ws.rs.QueryParam("owner") java.util.UUID owner) {
        List<Integer> all = IntStream.range(0, 120).boxed().toList();
        return Page.of(all.subList(Math.min(page.offset(), all.size()),
                Math.min(page.offset() + page.size(), all.size())), page, all.size());
    }
}
