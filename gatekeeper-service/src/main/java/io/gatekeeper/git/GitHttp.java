package io.gatekeeper.git;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.transport.resolver.ReceivePackFactory;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;

/**
 * Git smart HTTP for the hosted repositories. Mount both on the same path, e.g. {@code /git/*}
 * (clients then use {@code http://host:port/git/<repo>.git}), with the filter in front:
 * <pre>{@code
 * env.servlets().addServlet("git", GitHttp.servlet(store, policies, listener)).addMapping("/git/*");
 * env.servlets().addFilter("git-auth", GitHttp.authFilter(authenticator, true))
 *         .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/git/*");
 * }</pre>
 */
public final class GitHttp {
    /** Request attribute holding the authenticated {@link GitPrincipal}. */
    public static final String PRINCIPAL_ATTRIBUTE = GitPrincipal.class.getName();
    /** Request attribute holding the resolved repository name (without {@code .git}). */
    public static final String REPOSITORY_ATTRIBUTE = GitHttp.class.getName() + ".repository";

    private GitHttp() {
    }

    /**
     * A JGit {@link GitServlet} serving fetches to anyone the filter let through and pushes to
     * authenticated users, with {@link ReceivePolicy} before and the listener after the ref updates.
     */
    public static HttpServlet servlet(RepositoryStore store, RepoPolicyLookup policies, PushListener listener) {
        GitServlet servlet = new GitServlet();
        servlet.setRepositoryResolver(new StoreRepositoryResolver(store));
        servlet.setReceivePackFactory(receivePackFactory(policies, listener));
        return servlet;
    }

    /** HTTP Basic with user name and API token; see {@link BasicAuthFilter}. */
    public static Filter authFilter(GitAuthenticator auth, boolean anonymousRead) {
        return new BasicAuthFilter(auth, anonymousRead);
    }

    private static ReceivePackFactory<HttpServletRequest> receivePackFactory(RepoPolicyLookup policies,
                                                                             PushListener listener) {
        return (req, repo) -> {
            Object principal = req.getAttribute(PRINCIPAL_ATTRIBUTE);
            if (!(principal instanceof GitPrincipal pusher)) {
                throw new ServiceNotAuthorizedException();
            }
            String name = (String) req.getAttribute(REPOSITORY_ATTRIBUTE);
            return ReceivePacks.create(repo, name, pusher, policies.policyFor(name), listener);
        };
    }
}
