package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.model.Attempt;
import io.gatekeeper.flaky.model.Scope;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Where a report's executions ran: the same for every test case of one report.
 *
 * @param candidateCommit the commit tested (the candidate, or head's commit when {@code onHead})
 * @param treeId          that commit's tree: the same tree is the same code, whatever the commit
 * @param attempt         1 for the first run of the tier on this candidate, 2.. for re-runs
 */
public record RunContext(String repo, String tier, String candidateCommit, String treeId, int attempt,
                         Attempt kind, Scope scope, boolean onHead, String node, Instant at) {

    public RunContext {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(candidateCommit, "candidateCommit");
        Objects.requireNonNull(treeId, "treeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
        // Databases keep microseconds: truncate now so a row read back equals what was written.
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
    }

    /** The first, whole-tier run of a candidate. */
    public static RunContext firstRun(String repo, String tier, String commit, String tree, String node, Instant at) {
        return new RunContext(repo, tier, commit, tree, 1, Attempt.FIRST, Scope.IN_SUITE, false, node, at);
    }

    /** A targeted re-run of failed tests on the same candidate. */
    public static RunContext rerun(String repo, String tier, String commit, String tree, int attempt, String node,
                                   Instant at) {
        return new RunContext(repo, tier, commit, tree, attempt, Attempt.RERUN, Scope.ISOLATED, false, node, at);
    }

    public RunContext asHeadRun() {
        return new RunContext(repo, tier, candidateCommit, treeId, attempt, kind, scope, true, node, at);
    }
}
