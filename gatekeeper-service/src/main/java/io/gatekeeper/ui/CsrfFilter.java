package io.gatekeeper.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.net.URI;

/**
 * Refuses (403) a state-changing request that a live session cookie would sign unless it carries that session's
 * CSRF token in {@value SessionCookie#CSRF_HEADER}, or that comes from another origin. SameSite=Strict already keeps
 * other sites from sending the cookie; this is the second lock, and it also covers browsers that ignore SameSite.
 * <p>
 * Requests with an {@code Authorization} header are scripts and git clients holding their own token: no other site
 * can make a browser add that header, so they pass. So do requests without a live session: nothing signs them.
 */
public final class CsrfFilter extends HttpFilter {
    static final String REFUSED = "refused: this request changes something and lacks the session's CSRF token"
            + " (send the X-CSRF-Token header given by GET /api/session)";
    static final String CROSS_ORIGIN = "refused: a request from another origin";

    private final Sessions sessions;

    public CsrfFilter(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (SessionCookie.safeMethod(req.getMethod()) || req.getHeader("Authorization") != null) {
            chain.doFilter(req, res);
            return;
        }
        String origin = req.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, req)) {
            JsonErrors.send(res, HttpServletResponse.SC_FORBIDDEN, CROSS_ORIGIN);
            return;
        }
        String sessionId = SessionCookie.read(req);
        if (sessionId != null && sessions.user(sessionId).isPresent()
                && !sessions.csrfMatches(sessionId, req.getHeader(SessionCookie.CSRF_HEADER))) {
            JsonErrors.send(res, HttpServletResponse.SC_FORBIDDEN, REFUSED);
            return;
        }
        chain.doFilter(req, res);
    }

    /** Origin "null" (sandboxed frames, some redirects) counts as foreign. */
    private static boolean sameOrigin(String origin, HttpServletRequest req) {
        String host = req.getHeader("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && o.getHost() != null && host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
