package io.gatekeeper.git;

import java.util.List;

import org.eclipse.jgit.lib.Repository;

/**
 * What pushes to one repository may do.
 *
 * @param headBranch the branch only Gatekeeper moves, e.g. {@code main}
 * @param allowedPrefixes branch name prefixes pushes may use, e.g. {@code pull-request/}; empty means
 *        any branch name (other than the head branch) is accepted
 */
public record RepoPolicy(String headBranch, List<String> allowedPrefixes) {
    public RepoPolicy {
        allowedPrefixes = allowedPrefixes == null ? List.of() : List.copyOf(allowedPrefixes);
    }

    /**
     * The policy a repository's head configures: {@code branches.allowed_prefixes} of the
     * {@code .gatekeeper.yml} on the head commit. Without a head, or with a missing or invalid file,
     * branch names are not restricted (requests then fail on the configuration error instead).
     */
    public static RepoPolicy fromHead(Repository repo, String headBranch) {
        return GitRefs.resolve(repo, RepositoryNames.headRef(headBranch))
                .map(head -> GatekeeperConfigReader.read(repo, head))
                .filter(ConfigResult::ok)
                .map(config -> new RepoPolicy(headBranch, config.config().allowedPrefixes()))
                .orElse(new RepoPolicy(headBranch, List.of()));
    }
}
