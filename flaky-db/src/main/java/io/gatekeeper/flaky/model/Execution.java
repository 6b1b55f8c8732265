package io.gatekeeper.flaky.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One execution of one test, as recorded.
 *
 * @param candidateCommit the commit the tier ran on (a candidate, or head itself when {@code onHead})
 * @param treeId          the tree of that commit: two commits with the same tree ran the same code
 * @param attempt         1 for the first run on this candidate, 2.. for re-runs
 * @param fingerprint     {@link FailureFingerprint} of a failure or error, null otherwise
 * @param onHead          true when the code was head itself (post-merge or periodic runs), not a candidate
 */
public record Execution(TestId testId, String repo, String tier, String candidateCommit, String treeId,
                        int attempt, Attempt kind, Scope scope, Outcome outcome, Duration duration,
                        String fingerprint, String node, Instant at, boolean onHead) {

    public Execution {
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(scope, "scope");
    }

    public boolean failed() {
        return outcome.failed();
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
