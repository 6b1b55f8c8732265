package io.gatekeeper.resources;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.retention.RetentionDao;
import io.gatekeeper.runs.RunLog;
import io.gatekeeper.store.CandidateDao;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Files;

/** A tier run's log, served from its file: also while the run is still writing it; 410 once retention removed it. */
@Path("/api/runs")
public class RunResource {
    private final Jdbi jdbi;
    private final java.nio.file.Path logsDir;

    public RunResource(Jdbi jdbi, java.nio.file.Path logsDir) {
        this.jdbi = jdbi;
        this.logsDir = logsDir;
    }

    @GET
    @Path("{id}/log")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public Response log(@PathParam("id") long id) {
        jdbi.withExtension(CandidateDao.class, d -> d.run(id))
                .orElseThrow(() -> new NotFoundException("no run " + id));
        java.nio.file.Path file = RunLog.file(logsDir, id);
        if (!Files.exists(file)) {
            jdbi.withExtension(RetentionDao.class, d -> d.removed(id)).ifPresent(removed -> {
                throw new GatekeeperException.Gone(removed.logMessage());
            });
            return Response.ok("").build();
        }
        return Response.ok(file.toFile()).build();
    }
}
