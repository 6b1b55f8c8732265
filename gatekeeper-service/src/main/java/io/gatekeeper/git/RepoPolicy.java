package io.gatekeeper.git;

import java.util.List;

/** What pushes a repository accepts: its head branch, and (when non-empty) the only branch prefixes allowed. */
public record RepoPolicy(String headBranch, List<String> allowedPrefixes) {
    public RepoPolicy {
        allowedPrefixes = List.copyOf(allowedPrefixes);
    }
}
