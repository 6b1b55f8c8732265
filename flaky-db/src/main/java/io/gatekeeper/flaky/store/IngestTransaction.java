package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.junit.ReportSummary;
import io.gatekeeper.flaky.junit.TestCaseResult;
import io.gatekeeper.flaky.model.Evidence;
import io.gatekeeper.flaky.model.FailureFingerprint;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.TestId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * One report recorded in one transaction: executions are inserted in batches as the parser streams them
 * (memory holds one batch plus a small {@link TestDelta} per test), then same-tree evidence is settled and
 * the rollups are written.
 */
final class IngestTransaction {

    private static final int BATCH = 1000;
    private static final int MESSAGE_CHARS = 2000;

    private final Handle handle;
    private final RunContext run;
    private final ModelSettings settings;
    private final Instant now;
    private final ExecutionDao executions;
    private final List<ExecutionRow> batch = new ArrayList<>(BATCH);
    private final Map<String, TestDelta> deltas = new LinkedHashMap<>();
    private int count;

    IngestTransaction(Handle handle, RunContext run, ModelSettings settings, Instant now) {
        this.handle = handle;
        this.run = run;
        this.settings = settings;
        this.now = now;
        this.executions = handle.attach(ExecutionDao.class);
    }

    void add(TestCaseResult result) {
        TestId id = result.testId();
        String fingerprint = result.outcome().failed()
                ? FailureFingerprint.of(result.failureType(), result.failureMessage(), result.stackTrace()).id()
                : null;
        ExecutionRow row = new ExecutionRow(null, run.repo(), id.value(), cap(result.parameters(), 500), run.tier(),
                run.candidateCommit(), run.treeId(), run.attempt(), run.kind(), run.scope(), run.onHead(),
                result.outcome(), result.duration().toMillis(), fingerprint,
                result.outcome().failed() ? cap(result.failureType(), 500) : null,
                result.outcome().failed() ? cap(result.failureMessage(), MESSAGE_CHARS) : null,
                run.node(), run.at(), Evidence.NONE);
        deltas.computeIfAbsent(id.value(), k -> new TestDelta(cap(id.display(), 500), now))
                .executed(result.outcome(), run.scope(), run.onHead(), run.at(), settings.halfLife());
        batch.add(row);
        count++;
        if (batch.size() == BATCH) {
            flush();
        }
    }

    IngestResult finish(ReportSummary summary, Evidences evidences, RollupWriter writer) {
        flush();
        List<ExecutionRow> unexcused = executions.unexcusedFailuresOnTree(run.repo(), run.treeId());
        List<ExecutionRow> settled = evidences.settleSameTree(handle, run.repo(), run.treeId(), unexcused, deltas, now);
        List<ExecutionRow> mine = new ArrayList<>();
        for (ExecutionRow row : settled) {
            if (isThisRun(row)) {
                mine.add(row);
            }
        }
        List<StateChange> changes = writer.write(handle, run.repo(), deltas, now);
        return new IngestResult(summary, count, mine, changes);
    }

    private boolean isThisRun(ExecutionRow row) {
        return row.candidateCommit().equals(run.candidateCommit()) && row.attempt() == run.attempt()
                && row.tier().equals(run.tier()) && row.executedAt().equals(run.at());
    }

    private void flush() {
        if (!batch.isEmpty()) {
            executions.insert(batch);
            batch.clear();
        }
    }

    static String cap(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
