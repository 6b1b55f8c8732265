package io.gatekeeper.resources;

import io.dropwizard.auth.Auth;
import io.gatekeeper.api.PriorityBody;
import io.gatekeeper.api.RequestJson;
import io.gatekeeper.auth.User;
import jakarta.ws.rs.POST;
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
    private final QueueControls controls;

    public RequestResource(RequestViews views, QueueControls controls) {
        this.views = views;
        this.controls = controls;
    }

    @POST
    @Path("{id}/priority")
    public RequestJson priority(@Auth User user, @PathParam("id") long id, PriorityBody body) {
        return controls.priority(user, id, body);
    }

    @GET
    @Path("{id}")
    public RequestJson one(@PathParam("id") long id) {
        return views.one(id).orElseThrow(() -> new NotFoundException("no request " + id));
    }
}
