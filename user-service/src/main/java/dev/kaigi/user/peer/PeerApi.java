package dev.kaigi.user.peer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.events.internal.InternalPaths;
import dev.kaigi.events.internal.LeadQuery;
import dev.kaigi.events.internal.TransferPreview;
import dev.kaigi.events.user.DeletionTransfers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** The internal API every other Kaigi service answers user-service on ({@link InternalPaths}). */
@Produces(MediaType.APPLICATION_JSON)
public interface PeerApi {

    @POST
    @Path(InternalPaths.TRANSFER_PREVIEW)
    @Consumes(MediaType.APPLICATION_JSON)
    TransferPreview transferPreview(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId, DeletionTransfers heirs);

    @GET
    @Path(InternalPaths.USER_PERSONAL_DATA)
    JsonNode userPersonalData(@PathParam("orgId") UUID orgId, @PathParam("userId") UUID userId);

    @POST
    @Path(InternalPaths.LEAD_PERSONAL_DATA)
    @Consumes(MediaType.APPLICATION_JSON)
    JsonNode leadPersonalData(@PathParam("orgId") UUID orgId, LeadQuery lead);
}
