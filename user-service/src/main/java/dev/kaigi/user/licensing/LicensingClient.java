package dev.kaigi.user.licensing;

import dev.kaigi.events.licensing.SeatPool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.UUID;

/** licensing-service's seat API (its {@code UserSeatResource}), called with the service account's token. */
@RegisterRestClient(configKey = "licensing")
@RegisterProvider(ServiceTokenFilter.class)
@Path("/api/v1/internal/organizations/{orgId}/users/{userId}/seat")
public interface LicensingClient {

    /** The request body: the licence type to hold. */
    record TakeSeat(SeatPool pool) {
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    void take(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId, TakeSeat body);

    /** The seat the user holds; 404 when none. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    String held(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId);

    @DELETE
    void giveBack(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId);
}
