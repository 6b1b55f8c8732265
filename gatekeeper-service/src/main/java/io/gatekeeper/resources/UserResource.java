package io.gatekeeper.resources;

import io.dropwizard.auth.Auth;
import io.gatekeeper.api.CreateUser;
import io.gatekeeper.api.UserJson;
import io.gatekeeper.auth.Role;
import io.gatekeeper.auth.User;
import io.gatekeeper.auth.UserService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @GET
    @RolesAllowed("admin")
    public List<UserJson> list(@Auth User admin) {
        return users.all().stream().map(u -> new UserJson(u.name(), u.role().wire(), null)).toList();
    }

    @GET
    @Path("me")
    public UserJson me(@Auth User user) {
        return new UserJson(user.name(), user.role().wire(), null);
    }

    @POST
    @Path("{name}/role")
    @RolesAllowed("admin")
    public UserJson role(@Auth User admin, @PathParam("name") String name, CreateUser body) {
        if (body == null || body.role() == null || body.role().isBlank()) {
            throw new io.gatekeeper.GatekeeperException.InvalidInput("send {\"role\": \"developer|privileged|admin|runner\"}");
        }
        User user = users.setRole(name, Role.of(body.role()), admin.name());
        return new UserJson(user.name(), user.role().wire(), null);
    }

    @POST
    @Path("{name}/token")
    @RolesAllowed("admin")
    public UserJson rotate(@Auth User admin, @PathParam("name") String name) {
        UserService.Issued issued = users.rotateToken(name, admin.name());
        return new UserJson(issued.user().name(), issued.user().role().wire(), issued.token());
    }

    @POST
    @Path("{name}/revoke")
    @RolesAllowed("admin")
    public UserJson revoke(@Auth User admin, @PathParam("name") String name) {
        users.revokeTokens(name, admin.name());
        return users.all().stream().filter(u -> u.name().equals(name)).findFirst()
                .map(u -> new UserJson(u.name(), u.role().wire(), null)).orElseThrow();
    }

    @POST
    @RolesAllowed("admin")
    public Response create(@Auth User admin, @NotNull @Valid CreateUser body) {
        Role role = body.role() == null || body.role().isBlank() ? Role.DEVELOPER : Role.of(body.role());
        UserService.Issued issued = users.create(body.name(), role, admin.name(), null);
        return Response.status(Response.Status.CREATED)
                .entity(new UserJson(issued.user().name(), role.wire(), issued.token())).build();
    }
}
