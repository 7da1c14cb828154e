package dev.steadfast.bench.reference;

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

import java.net.URI;

/** GET and POST by id: the two operations the benchmarks compare Steadfast's tasks with. */
@Path("/items")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ItemResource {

    public record NewItem(String name, String content) {
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
    public Response create(NewItem request) {
        Item item = new Item();
        item.name = request.name();
        item.content = request.content();
        item.createdAt = System.currentTimeMillis();
        item.persist();
        return Response.created(URI.create("/items/" + item.id)).entity(item).build();
    }
}
