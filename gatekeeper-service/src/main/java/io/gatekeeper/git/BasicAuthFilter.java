package io.gatekeeper.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * HTTP Basic authentication for git clients: user name and API token. Valid credentials put the
 * {@link GitPrincipal} in the request attribute {@link GitHttp#PRINCIPAL_ATTRIBUTE}; invalid ones are
 * a 401 even where anonymous access would do, so a mistyped token is never silently ignored. Without
 * credentials, reads pass when anonymous reading is on and everything else gets the 401 challenge
 * that makes {@code git} send the credentials from the URL or its credential helper.
 */
final class BasicAuthFilter implements Filter {
    static final String CHALLENGE = "Basic realm=\"Gatekeeper\"";

    private final GitAuthenticator authenticator;
    private final boolean anonymousRead;

    BasicAuthFilter(GitAuthenticator authenticator, boolean anonymousRead) {
        this.authenticator = authenticator;
        this.anonymousRead = anonymousRead;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String header = req.getHeader("Authorization");
        if (header != null) {
            Optional<GitPrincipal> principal = credentials(header).flatMap(
                    c -> authenticator.authenticate(c[0], c[1]));
            if (principal.isEmpty()) {
                challenge(res);
                return;
            }
            req.setAttribute(GitHttp.PRINCIPAL_ATTRIBUTE, principal.get());
            chain.doFilter(req, res);
            return;
        }
        if (anonymousRead && !isPush(req)) {
            chain.doFilter(req, res);
            return;
        }
        challenge(res);
    }

    /** @return user and token from a Basic header, empty when malformed */
    static Optional<String[]> credentials(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    /** Both steps of a smart-HTTP push: the ref advertisement and the pack upload. */
    static boolean isPush(HttpServletRequest req) {
        String query = req.getQueryString();
        return req.getRequestURI().endsWith("/git-receive-pack")
                || (query != null && query.contains("service=git-receive-pack"));
    }

    private static void challenge(HttpServletResponse res) throws IOException {
        res.setHeader("WWW-Authenticate", CHALLENGE);
        res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        res.setContentType("text/plain; charset=UTF-8");
        res.getWriter().write("authentication required: user name and API token\n");
    }
}
