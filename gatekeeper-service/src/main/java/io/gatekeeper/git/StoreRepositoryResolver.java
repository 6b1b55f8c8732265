package io.gatekeeper.git;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;

/** Maps a URL's {@code <name>.git} to a hosted repository, remembering the name for the push hooks. */
final class StoreRepositoryResolver implements RepositoryResolver<HttpServletRequest> {
    private final RepositoryStore store;

    StoreRepositoryResolver(RepositoryStore store) {
        this.store = store;
    }

    @Override
    public Repository open(HttpServletRequest req, String name)
            throws org.eclipse.jgit.errors.RepositoryNotFoundException {
        String repoName = repositoryName(name);
        if (!store.exists(repoName)) {
            throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name);
        }
        try {
            Repository repo = store.open(repoName);
            req.setAttribute(GitHttp.REPOSITORY_ATTRIBUTE, repoName);
            return repo;
        } catch (RepositoryNotFoundException | InvalidNameException e) {
            throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name, e);
        }
    }

    static String repositoryName(String urlName) {
        String n = urlName;
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.endsWith(Constants.DOT_GIT_EXT) ? n.substring(0, n.length() - Constants.DOT_GIT_EXT.length()) : n;
    }
}
