package io.gatekeeper.resources;

import io.dropwizard.auth.Auth;
import io.gatekeeper.auth.User;
import io.gatekeeper.pool.Pool;
import io.gatekeeper.pool.RunnerAccess;
import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.protocol.Heartbeat;
import io.gatekeeper.runner.protocol.HeartbeatReply;
import io.gatekeeper.runner.protocol.Registered;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.protocol.RunnerProtocol;
import io.gatekeeper.runs.LogAppend;
import io.gatekeeper.runs.PoolTierDispatcher;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.InputStream;
import java.time.Duration;

/**
 * The runner protocol ({@code docs/runner-protocol.md}): thin calls into the {@link Pool} and the pool's
 * dispatcher. Every call needs a runner's token; the paths are those of {@link RunnerProtocol}.
 */
@Path(RunnerProtocol.BASE)
@Produces(MediaType.APPLICATION_JSON)
public class RunnerResource {
    private static final int MAX_WAIT_SECONDS = 60;

    private final Pool pool;
    private final PoolTierDispatcher runs;
    private final RunnerAccess access;

    public RunnerResource(Pool pool, PoolTierDispatcher runs, RunnerAccess access) {
        this.pool = pool;
        this.runs = runs;
        this.access = access;
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Registered register(@Auth User user, @NotNull Registration body) {
        return pool.register(body, access.caller(user));
    }

    @POST
    @Path("nodes/{nodeId}/heartbeat")
    @Consumes(MediaType.APPLICATION_JSON)
    public HeartbeatReply heartbeat(@Auth User user, @PathParam("nodeId") String node, Heartbeat body) {
        return pool.heartbeat(node, body == null ? new Heartbeat(null) : body, access.caller(user));
    }

    @POST
    @Path("nodes/{nodeId}/lease")
    public Response lease(@Auth User user, @PathParam("nodeId") String node,
                          @QueryParam(RunnerProtocol.WAIT) @DefaultValue("20") int wait, @Context UriInfo uri)
            throws InterruptedException {
        String gitBase = uri.getBaseUriBuilder().replacePath("/git/").build().toString();
        return pool.lease(node, seconds(wait), access.caller(user), gitBase)
                .map(a -> Response.ok(a).build())
                .orElseGet(() -> Response.noContent().build());
    }

    @POST
    @Path("runs/{runId}/ready")
    public Directive ready(@Auth User user, @PathParam("runId") String run,
                           @QueryParam(RunnerProtocol.NODE) String node,
                           @QueryParam(RunnerProtocol.WAIT) @DefaultValue("20") int wait) throws InterruptedException {
        return pool.ready(run, node, seconds(wait), access.caller(user));
    }

    @POST
    @Path("runs/{runId}/log")
    @Consumes(MediaType.WILDCARD)
    public Response log(@Auth User user, @PathParam("runId") String run, @QueryParam(RunnerProtocol.NODE) String node,
                        @QueryParam(RunnerProtocol.OFFSET) long offset, byte[] chunk) {
        LogAppend appended = runs.appendLog(run, node, offset, chunk == null ? new byte[0] : chunk,
                access.caller(user));
        return Response.status(appended.accepted() ? 200 : 409)
                .header(RunnerProtocol.LOG_LENGTH_HEADER, appended.length()).build();
    }

    @PUT
    @Path("runs/{runId}/reports")
    @Consumes(MediaType.WILDCARD)
    public Response report(@Auth User user, @PathParam("runId") String run,
                           @QueryParam(RunnerProtocol.NODE) String node, @QueryParam(RunnerProtocol.PATH) String path,
                           InputStream body) {
        runs.storeReport(run, node, path, body, access.caller(user));
        return Response.noContent().build();
    }

    @POST
    @Path("runs/{runId}/result")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response result(@Auth User user, @PathParam("runId") String run, @NotNull RunResult body) {
        pool.result(run, body, access.caller(user));
        return Response.noContent().build();
    }

    private static Duration seconds(int wait) {
        return Duration.ofSeconds(Math.max(0, Math.min(wait, MAX_WAIT_SECONDS)));
    }
}
