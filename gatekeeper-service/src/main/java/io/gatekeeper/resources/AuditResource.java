package io.gatekeeper.resources;

import io.gatekeeper.api.AuditJson;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/** The audit log, read-only: no API changes or deletes a record. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    private final Jdbi jdbi;

    public AuditResource(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @GET
    public List<AuditJson> list(@QueryParam("repo") String repo, @QueryParam("limit") @DefaultValue("200") int limit) {
        int n = Math.max(1, Math.min(limit, 5000));
        List<AuditRow> rows = jdbi.withExtension(AuditDao.class,
                d -> repo == null || repo.isBlank() ? d.recent(n) : d.recentForRepo(repo, n));
        return rows.stream().map(r -> new AuditJson(r.id(), r.at(), r.actor(), r.action(), r.repo(), r.target(),
                r.oldHead(), r.newHead(), r.reason())).toList();
    }
}
