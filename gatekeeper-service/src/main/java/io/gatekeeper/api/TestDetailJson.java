package io.gatekeeper.api;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/tests/{id}}: the test as listed, its executions (newest first), verdicts and state changes. */
public record TestDetailJson(String id, String repo, String testId, String name, String state, double rate,
                             List<Double> interval, long runs, long failures, Instant lastFailure, Instant lastRun,
                             String owner, boolean quarantined, boolean quarantinedByHand, String quarantineReason,
                             List<ExecutionJson> history, List<JudgementJson> verdicts,
                             List<TestStateChangeJson> stateChanges) {

    public static TestDetailJson of(TestJson t, List<ExecutionJson> history, List<JudgementJson> verdicts,
                                    List<TestStateChangeJson> changes) {
        return new TestDetailJson(t.id(), t.repo(), t.testId(), t.name(), t.state(), t.rate(), t.interval(),
                t.runs(), t.failures(), t.lastFailure(), t.lastRun(), t.owner(), t.quarantined(),
                t.quarantinedByHand(), t.quarantineReason(), history, verdicts, changes);
    }
}
