package io.gatekeeper.resources;

import io.dropwizard.auth.Auth;
import io.gatekeeper.api.ReasonBody;
import io.gatekeeper.api.TestDetailJson;
import io.gatekeeper.api.TestJson;
import io.gatekeeper.auth.User;
import io.gatekeeper.flaky.service.TestCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Tests and their flakiness: {@code GET /api/tests?repo=&state=&limit=} (most flaky first),
 * {@code GET /api/tests/{id}} (with its history), and quarantine or release by hand (admin, with a reason).
 * {@code id} is the {@code id} of a listed test; a raw test id ({@code class#name}, URL-encoded) works too
 * when {@code ?repo=} names the repository.
 */
@Path("/api/tests")
@Produces(MediaType.APPLICATION_JSON)
public class TestResource {
    private final TestCatalog tests;

    public TestResource(TestCatalog tests) {
        this.tests = tests;
    }

    @GET
    public List<TestJson> list(@QueryParam("repo") String repo, @QueryParam("state") String state,
                               @QueryParam("limit") @DefaultValue("100") int limit) {
        return tests.list(repo, state, limit);
    }

    @GET
    @Path("{id}")
    public TestDetailJson one(@PathParam("id") String id, @QueryParam("repo") String repo,
                              @QueryParam("limit") @DefaultValue("100") int limit) {
        return tests.one(id, repo, limit);
    }

    @POST
    @Path("{id}/quarantine")
    @RolesAllowed("admin")
    public TestJson quarantine(@Auth User admin, @PathParam("id") String id, @QueryParam("repo") String repo,
                               ReasonBody body) {
        return tests.quarantine(admin.name(), id, repo, body == null ? null : body.reason());
    }

    @POST
    @Path("{id}/release")
    @RolesAllowed("admin")
    public TestJson release(@Auth User admin, @PathParam("id") String id, @QueryParam("repo") String repo,
                            ReasonBody body) {
        return tests.release(admin.name(), id, repo, body == null ? null : body.reason());
    }
}
