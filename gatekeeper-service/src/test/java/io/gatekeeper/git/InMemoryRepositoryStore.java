package io.gatekeeper.git;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * {@link RepositoryStore} over JGit's in-memory repositories, for tests that need a store but not a
 * disk. Repositories live as long as the store; each {@link #open} increments the use count so the
 * caller's close is harmless.
 */
public final class InMemoryRepositoryStore implements RepositoryStore {
    private final Map<String, InMemoryRepository> repos = new ConcurrentHashMap<>();

    @Override
    public boolean exists(String name) {
        return RepositoryNames.isValid(name) && repos.containsKey(name);
    }

    @Override
    public Repository open(String name) {
        InMemoryRepository repo = repos.get(RepositoryNames.requireValid(name));
        if (repo == null) {
            throw new RepositoryNotFoundException(name);
        }
        repo.incrementOpen();
        return repo;
    }

    @Override
    public Repository create(String name, String headBranch) {
        String headRef = RepositoryNames.headRef(headBranch);
        InMemoryRepository repo = new InMemoryRepository(new DfsRepositoryDescription(RepositoryNames.requireValid(name)));
        if (repos.putIfAbsent(name, repo) != null) {
            throw new RepositoryExistsException(name);
        }
        try {
            RefUpdate head = repo.updateRef(Constants.HEAD);
            head.disableRefLog();
            head.link(headRef);
        } catch (IOException e) {
            throw new GatekeeperGitException("cannot link HEAD of " + name, e);
        }
        repo.incrementOpen();
        return repo;
    }

    @Override
    public List<String> names() {
        return repos.keySet().stream().sorted().toList();
    }
}
