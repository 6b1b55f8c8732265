package io.gatekeeper.git;

/**
 * Finds the push policy of a hosted repository. Called once per push, before any ref is updated.
 * An implementation that cannot find the repository's settings throws an unchecked exception; the
 * push then fails as a whole.
 */
public interface RepoPolicyLookup {
    RepoPolicy policyFor(String repo);
}
