package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.junit.ReportSummary;
import java.util.List;

/**
 * What recording one report did.
 *
 * @param summary    the report's counts (null when executions were recorded from already-parsed results)
 * @param executions rows stored
 * @param failures   this report's failed executions, with the evidence known now, for the judge
 * @param changes    tests whose state moved (flaky, broken, quarantined, released...)
 */
public record IngestResult(ReportSummary summary, int executions, List<ExecutionRow> failures,
                           List<StateChange> changes) {
}
