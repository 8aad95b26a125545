package dev.kaigi.bench.bare;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;

/** Read one row by id, insert one row: the CRUD a Quarkus service cannot do faster than this. */
@Path("/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ItemResource {

    public record NewItem(String name) {
    }

    @GET
    @Path("/{id}")
    public Item get(@PathParam("id") long id) {
        Item item = Item.findById(id);
        if (item == null) {
            throw new NotFoundException();
        }
        return item;
    }

    @POST
    @Transactional
    public Response create(NewItem body) {
        Item item = new Item();
        item.name = body.name();
        item.createdAt = Instant.now();
        item.persist();
        return Response.status(Response.Status.CREATED).entity(item).build();
    }
}
