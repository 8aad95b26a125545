package dev.kaigi.chassis.testapp;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** A request that records an event, the way a service's endpoint does; answers with the trace it ran in. */
@Path("/api/v1/probe/deactivations")
@PermitAll
public class TracedEventResource {

    /** The request's own span (the REST server span) and the event it recorded. */
    public record Recorded(UUID eventId, String traceId, String spanId) {
    }

    @Inject
    Outbox outbox;

    @POST
    @Path("/{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Recorded deactivate(@PathParam("userId") UUID userId) {
        UUID eventId = outbox.publish(new UserDeactivated(UUID.randomUUID(), userId, UserType.REGULAR, null,
                DeactivationReason.ADMIN));
        Span request = Span.current();
        return new Recorded(eventId, request.getSpanContext().getTraceId(), request.getSpanContext().getSpanId());
    }
}
