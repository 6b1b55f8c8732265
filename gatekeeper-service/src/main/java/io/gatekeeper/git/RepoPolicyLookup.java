package io.gatekeeper.git;

/** Finds the policy of a repository when a push arrives. */
@FunctionalInterface
public interface RepoPolicyLookup {
    RepoPolicy policyFor(String repo);
}
