package io.gatekeeper.resources;

import io.dropwizard.auth.Auth;
import io.gatekeeper.api.BypassBody;
import io.gatekeeper.api.ControlsJson;
import io.gatekeeper.api.CreateRepo;
import io.gatekeeper.api.PauseBody;
import io.gatekeeper.api.RepoJson;
import io.gatekeeper.api.RequestJson;
import io.gatekeeper.api.RequestViews;
import io.gatekeeper.auth.User;
import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.RepositoryStore;
import io.gatekeeper.repos.RepoService;
import io.gatekeeper.store.RepoRow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

import java.util.List;

@Path("/api/repos")
@Produces(MediaType.APPLICATION_JSON)
public class RepoResource {
    private final RepoService repos;
    private final RepositoryStore store;
    private final RequestViews views;
    private final QueueControls controls;

    public RepoResource(RepoService repos, RepositoryStore store, RequestViews views, QueueControls controls) {
        this.repos = repos;
        this.store = store;
        this.views = views;
        this.controls = controls;
    }

    @POST
    @Path("{repo}/bypass")
    public RequestJson bypass(@Auth User user, @PathParam("repo") String repo, BypassBody body) {
        return controls.bypass(user, repo, body);
    }

    @POST
    @Path("{repo}/pause")
    public ControlsJson pause(@Auth User user, @PathParam("repo") String repo, PauseBody body) {
        return controls.pause(user, repo, body);
    }

    @POST
    @Path("{repo}/resume")
    public ControlsJson resume(@Auth User user, @PathParam("repo") String repo, PauseBody body) {
        return controls.resume(user, repo, body);
    }

    @GET
    @Path("{repo}/controls")
    public ControlsJson controls(@PathParam("repo") String repo) {
        return controls.controls(repo);
    }

    @GET
    public List<RepoJson> list(@Context UriInfo uri) {
        return repos.all().stream().map(r -> json(r, uri)).toList();
    }

    @POST
    @RolesAllowed("admin")
    public Response create(@Auth User user, @NotNull @Valid CreateRepo body, @Context UriInfo uri) {
        RepoRow row = repos.create(body.name(), body.headBranch(), body.importFrom(), user.name());
        return Response.status(Response.Status.CREATED).entity(json(row, uri)).build();
    }

    @GET
    @Path("{repo}")
    public RepoJson one(@PathParam("repo") String name, @Context UriInfo uri) {
        return json(repo(name), uri);
    }

    @GET
    @Path("{repo}/requests")
    public List<RequestJson> requests(@PathParam("repo") String name,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        return views.newestFirst(repo(name), Math.max(1, Math.min(limit, 1000)));
    }

    private RepoRow repo(String name) {
        return repos.byName(name).orElseThrow(() -> new NotFoundException("no repository named '" + name + "'"));
    }

    private RepoJson json(RepoRow row, UriInfo uri) {
        String head;
        try (Repository git = store.open(row.name())) {
            head = GitRefs.resolve(git, "refs/heads/" + row.headBranch()).map(ObjectId::name).orElse(null);
        }
        String clone = uri.getBaseUriBuilder().replacePath("/git/" + row.name() + ".git").build().toString();
        return new RepoJson(row.name(), row.headBranch(), head, clone, row.createdAt());
    }
}
