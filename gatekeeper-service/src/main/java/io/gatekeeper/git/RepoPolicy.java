package io.gatekeeper.git;

import java.util.List;

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
}
