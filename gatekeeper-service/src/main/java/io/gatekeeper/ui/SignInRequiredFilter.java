package io.gatekeeper.ui;

import io.gatekeeper.auth.User;
import io.gatekeeper.auth.UserService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * When the dashboard is configured to need sign-in, the read-only API it is built on needs it too (otherwise the
 * setting would hide nothing from a script): a GET under /api/ must carry a live session cookie or an API token
 * (Bearer, or Basic with user name and token). Sign-in itself stays open. Requests that change something are left to
 * the resources' own {@code @Auth}/{@code @RolesAllowed}.
 */
public final class SignInRequiredFilter extends HttpFilter {
    static final String NEEDS_SIGN_IN = "sign in to see this: this Gatekeeper's dashboard and read API need a user";

    private final Sessions sessions;
    private final UserService users;

    public SignInRequiredFilter(Sessions sessions, UserService users) {
        this.sessions = sessions;
        this.users = users;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!SessionCookie.safeMethod(req.getMethod()) || req.getRequestURI().equals(SessionResource.PATH)
                || signedIn(req).isPresent()) {
            chain.doFilter(req, res);
            return;
        }
        res.setHeader("WWW-Authenticate", "Bearer realm=\"Gatekeeper\"");
        JsonErrors.send(res, HttpServletResponse.SC_UNAUTHORIZED, NEEDS_SIGN_IN);
    }

    private Optional<User> signedIn(HttpServletRequest req) {
        String auth = req.getHeader("Authorization");
        if (auth == null) {
            return sessions.user(SessionCookie.read(req));
        }
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return users.authenticate(auth.substring(7).trim());
        }
        if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? Optional.empty()
                        : users.authenticate(pair.substring(0, colon), pair.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
