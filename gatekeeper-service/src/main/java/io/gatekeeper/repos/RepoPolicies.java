package io.gatekeeper.repos;

import io.gatekeeper.git.ConfigResult;
import io.gatekeeper.git.GatekeeperConfigReader;
import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.RepoPolicy;
import io.gatekeeper.git.RepoPolicyLookup;
import io.gatekeeper.git.RepositoryStore;
import io.gatekeeper.store.RepoRow;
import org.eclipse.jgit.lib.Repository;

import java.util.List;

/**
 * A repository's push policy: its head branch from the database, and the allowed branch prefixes from head's
 * {@code .gatekeeper.yml} (trusted: it is on head). An invalid or missing file restricts nothing here; the queue
 * reports it on the request instead.
 */
public final class RepoPolicies implements RepoPolicyLookup {
    private final RepoService repos;
    private final RepositoryStore store;

    public RepoPolicies(RepoService repos, RepositoryStore store) {
        this.repos = repos;
        this.store = store;
    }

    @Override
    public RepoPolicy policyFor(String name) {
        RepoRow row = repos.byName(name).orElse(null);
        if (row == null) {
            return new RepoPolicy("main", List.of());
        }
        try (Repository git = store.open(name)) {
            List<String> prefixes = GitRefs.resolve(git, GitRefs.head(row.headBranch()))
                    .map(head -> GatekeeperConfigReader.read(git, head))
                    .filter(ConfigResult::ok)
                    .map(c -> c.config().allowedPrefixes())
                    .orElse(List.of());
            return new RepoPolicy(row.headBranch(), prefixes);
        }
    }
}
