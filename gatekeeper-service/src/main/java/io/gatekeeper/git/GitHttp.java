package io.gatekeeper.git;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Smart-HTTP hosting of the store's repositories at {@code /git/<name>.git}, with Basic auth by API token. */
public final class GitHttp {
    static final String PRINCIPAL = GitHttp.class.getName() + ".principal";

    private GitHttp() {
    }

    public static HttpServlet servlet(RepositoryStore store, RepoPolicyLookup policies, PushListener listener) {
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver((HttpServletRequest req, String name) -> {
            String repo = repoName(name);
            if (!store.exists(repo)) {
                throw new RepositoryNotFoundException(name);
            }
            return store.open(repo);
        });
        servlet.setUploadPackFactory((HttpServletRequest req, org.eclipse.jgit.lib.Repository db) -> new UploadPack(db));
        servlet.setReceivePackFactory((HttpServletRequest req, org.eclipse.jgit.lib.Repository db) -> {
            GitPrincipal pusher = (GitPrincipal) req.getAttribute(PRINCIPAL);
            if (pusher == null) {
                throw new ServiceNotAuthorizedException();
            }
            String repo = repoName(db.getDirectory().getName());
            ReceivePack rp = new ReceivePack(db);
            rp.setAllowNonFastForwards(true);
            rp.setAllowDeletes(true);
            rp.setAtomic(false);
            rp.setPreReceiveHook(new ReceivePolicy(pusher, policies.policyFor(repo)));
            rp.setPostReceiveHook((pack, commands) -> {
                List<RefChange> changes = commands.stream()
                        .filter(c -> c.getResult() == ReceiveCommand.Result.OK)
                        .map(c -> new RefChange(c.getRefName(), c.getOldId(), c.getNewId())).toList();
                if (!changes.isEmpty()) {
                    listener.onPush(repo, pusher, changes);
                }
            });
            return rp;
        });
        return servlet;
    }

    /** Basic auth for every git request; reads may be anonymous when allowed, pushes never. */
    public static Filter authFilter(GitAuthenticator auth, boolean anonymousRead) {
        return new Filter() {
            @Override
            public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                HttpServletRequest req = (HttpServletRequest) request;
                HttpServletResponse res = (HttpServletResponse) response;
                Optional<GitPrincipal> who = credentials(req).flatMap(c -> auth.authenticate(c[0], c[1]));
                if (who.isPresent()) {
                    req.setAttribute(PRINCIPAL, who.get());
                } else if (!anonymousRead || isPush(req) || req.getHeader("Authorization") != null) {
                    res.setHeader("WWW-Authenticate", "Basic realm=\"Gatekeeper\"");
                    res.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                            "authenticate with your user name and an API token");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static boolean isPush(HttpServletRequest req) {
        return req.getRequestURI().endsWith("/git-receive-pack")
                || "git-receive-pack".equals(req.getParameter("service"));
    }

    private static Optional<String[]> credentials(HttpServletRequest req) {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String repoName(String name) {
        String n = name.startsWith("/") ? name.substring(1) : name;
        return n.endsWith(".git") ? n.substring(0, n.length() - 4) : n;
    }
}
