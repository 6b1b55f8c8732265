package io.gatekeeper.ui;

import io.dropwizard.auth.AuthFilter;
import io.gatekeeper.auth.ApiAuthenticator;
import io.gatekeeper.auth.User;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Lets the dashboard's session cookie authenticate the API's {@code @Auth} endpoints, so a signed-in browser calls
 * the same public API as scripts do. For anything but GET/HEAD/OPTIONS the cookie counts only together with the
 * session's CSRF token in {@value SessionCookie#CSRF_HEADER} (the servlet-level {@link CsrfFilter} refuses such
 * requests first with 403; this check keeps the rule true where that filter is not mapped).
 * <p>
 * Chain it after the Bearer and Basic filters: {@code new ChainedAuthFilter<>(List.of(bearer, basic,
 * dashboard.authFilter()))}.
 */
@Priority(Priorities.AUTHENTICATION)
public final class SessionAuthFilter extends AuthFilter<String, User> {
    private Sessions sessions;

    @Override
    public void filter(ContainerRequestContext ctx) {
        Cookie cookie = ctx.getCookies().get(SessionCookie.NAME);
        String id = cookie == null ? null : cookie.getValue();
        boolean mayUse = id != null && (SessionCookie.safeMethod(ctx.getMethod())
                || sessions.csrfMatches(id, ctx.getHeaderString(SessionCookie.CSRF_HEADER)));
        if (!mayUse || !authenticate(ctx, id, SecurityContext.FORM_AUTH)) {
            throw new WebApplicationException(unauthorizedHandler.buildResponse(prefix, realm));
        }
    }

    /** Builds the filter over a session table, with the API's role rules. */
    public static SessionAuthFilter over(Sessions sessions) {
        SessionAuthFilter filter = new Builder()
                .setAuthenticator(sessions::user)
                .setAuthorizer(ApiAuthenticator.roles())
                .setPrefix("Session")
                .setRealm("Gatekeeper")
                .buildAuthFilter();
        filter.sessions = sessions;
        return filter;
    }

    private static final class Builder extends AuthFilterBuilder<String, User, SessionAuthFilter> {
        @Override
        protected SessionAuthFilter newInstance() {
            return new SessionAuthFilter();
        }
    }
}
