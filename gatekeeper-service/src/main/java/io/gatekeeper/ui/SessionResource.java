package io.gatekeeper.ui;

import io.gatekeeper.auth.User;
import io.gatekeeper.auth.UserService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.Optional;

/**
 * Sign-in for browsers: trade a user name and API token for a session cookie. {@code GET} tells a page who is signed
 * in and the CSRF token its scripts send with every change; it answers the same to anyone holding the cookie, which
 * another site's page cannot read (no CORS). Sign-in only accepts JSON, which a cross-site form cannot send.
 */
@Path(SessionResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    public static final String PATH = "/api/session";
    static final String WRONG = "wrong user name or token";

    private final Sessions sessions;
    private final UserService users;
    private final boolean signInRequired;

    public SessionResource(Sessions sessions, UserService users, boolean signInRequired) {
        this.sessions = sessions;
        this.users = users;
        this.signInRequired = signInRequired;
    }

    /** The sign-in form's body. */
    public record SignIn(@NotBlank String user, @NotBlank String token) { }

    /** Who is signed in ({@code user} null when nobody), and the CSRF token for their changes. */
    public record SessionJson(String user, String role, String csrfToken, boolean signInRequired) { }

    @GET
    public Response current(@CookieParam(SessionCookie.NAME) String sessionId) {
        Optional<User> user = sessions.user(sessionId);
        SessionJson body = user.map(u -> new SessionJson(u.name(), u.role().wire(), sessions.csrfToken(sessionId),
                signInRequired)).orElse(new SessionJson(null, null, null, signInRequired));
        return Response.ok(body).header("Cache-Control", "no-store").build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(@NotNull @Valid SignIn body, @CookieParam(SessionCookie.NAME) String previous,
                           @HeaderParam("X-Forwarded-Proto") String forwardedProto, @Context UriInfo uri) {
        User user = users.authenticate(body.user(), body.token())
                .orElseThrow(() -> new NotAuthorizedException(WRONG, "Session realm=\"Gatekeeper\""));
        sessions.close(previous);
        Sessions.Opened opened = sessions.open(user, body.token());
        boolean secure = SessionCookie.secure(uri.getRequestUri().getScheme(), forwardedProto);
        return Response.ok(new SessionJson(user.name(), user.role().wire(), opened.csrfToken(), signInRequired))
                .header("Set-Cookie", SessionCookie.setHeader(opened.sessionId(), sessions.ttl(), secure))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** Sign-out. A change like any other: the CSRF filter has checked the token before this runs. */
    @DELETE
    public Response signOut(@CookieParam(SessionCookie.NAME) String sessionId,
                            @HeaderParam("X-Forwarded-Proto") String forwardedProto, @Context UriInfo uri) {
        sessions.close(sessionId);
        boolean secure = SessionCookie.secure(uri.getRequestUri().getScheme(), forwardedProto);
        return Response.noContent().header("Set-Cookie", SessionCookie.clearHeader(secure)).build();
    }
}
