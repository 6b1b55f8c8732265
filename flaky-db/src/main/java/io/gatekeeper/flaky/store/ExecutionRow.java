package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.model.Attempt;
import io.gatekeeper.flaky.model.Evidence;
import io.gatekeeper.flaky.model.Outcome;
import io.gatekeeper.flaky.model.Scope;
import io.gatekeeper.flaky.model.TestId;
import java.time.Instant;

/** A row of {@code test_execution}; {@code id} is null before insertion. */
public record ExecutionRow(Long id, String repo, String testId, String parameters, String tier,
                           String candidateCommit, String treeId, int attempt, Attempt attemptKind, Scope scope,
                           boolean onHead, Outcome outcome, long durationMs, String fingerprint,
                           String failureType, String failureMessage, String node, Instant executedAt,
                           Evidence evidence) {

    public TestId test() {
        return TestId.parse(testId);
    }

    public boolean failed() {
        return outcome.failed();
    }

    public ExecutionRow withEvidence(Evidence value) {
        return new ExecutionRow(id, repo, testId, parameters, tier, candidateCommit, treeId, attempt, attemptKind,
                scope, onHead, outcome, durationMs, fingerprint, failureType, failureMessage, node, executedAt,
                value);
    }
}
