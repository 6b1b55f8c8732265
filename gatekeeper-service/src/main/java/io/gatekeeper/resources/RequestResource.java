package io.gatekeeper.resources;

import io.gatekeeper.api.RequestJson;
import io.gatekeeper.api.RequestViews;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/requests")
@Produces(MediaType.APPLICATION_JSON)
public class RequestResource {
    private final RequestViews views;

    public RequestResource(RequestViews views) {
        this.views = views;
    }

    @GET
    @Path("{id}")
    public RequestJson one(@PathParam("id") long id) {
        return views.one(id).orElseThrow(() -> new NotFoundException("no request " + id));
    }
}
