package io.gatekeeper.resources;

import io.dropwizard.auth.Auth;
import io.gatekeeper.api.ResultsJson;
import io.gatekeeper.auth.User;
import io.gatekeeper.flaky.service.ExternalResults;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.InputStream;

/**
 * Test results from a team's own CI: {@code POST /api/repos/{repo}/results?commit=&tier=} with a JUnit-XML
 * report as the body (any content type; streamed, never held whole). Needs the privileged role (a CI's
 * service account): uploaded results are evidence that can quarantine a test, so a developer must not be able
 * to fabricate them to get a change past a failing test.
 */
@Path("/api/repos/{repo}/results")
@Produces(MediaType.APPLICATION_JSON)
public class ResultsResource {
    private final ExternalResults results;

    public ResultsResource(ExternalResults results) {
        this.results = results;
    }

    @POST
    @RolesAllowed("privileged")
    public ResultsJson upload(@Auth User user, @PathParam("repo") String repo, @QueryParam("commit") String commit,
                              @QueryParam("tier") String tier, InputStream report) {
        return results.ingest(user.name(), repo, commit, tier, report);
    }
}
