package io.gatekeeper.resources;

import io.gatekeeper.pool.NodeView;
import io.gatekeeper.pool.Pool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The runner pool as users see it: every node, its state, what it holds and when it last heartbeat. */
@Path("/api/nodes")
@Produces(MediaType.APPLICATION_JSON)
public class NodeResource {
    private final Pool pool;

    public NodeResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    public List<NodeView> nodes() {
        return pool.nodes();
    }
}
