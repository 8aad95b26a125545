package dev.kaigi.user.licensing;

import dev.kaigi.events.licensing.SeatPool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.UUID;

/** licensing-service's batch seat API (its {@code SeatBatchResource}), for CSV imports. */
@RegisterRestClient(configKey = "licensing")
@RegisterProvider(ServiceTokenFilter.class)
@Path("/api/v1/internal/organizations/{orgId}/seat-batches")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface SeatBatchClient {

    record TakeSeats(SeatPool pool, List<UUID> userIds) {
    }

    record TakenSeats(List<UUID> taken, List<UUID> refused) {
    }

    record ReturnSeats(List<UUID> userIds) {
    }

    @POST
    TakenSeats take(@PathParam("orgId") UUID orgId, TakeSeats body);

    @POST
    @Path("/return")
    void giveBack(@PathParam("orgId") UUID orgId, ReturnSeats body);
}
