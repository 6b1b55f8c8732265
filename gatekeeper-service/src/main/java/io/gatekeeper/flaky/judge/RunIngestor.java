package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.junit.ReportRejectedException;
import io.gatekeeper.flaky.junit.TestCaseResult;
import io.gatekeeper.flaky.store.ExecutionRow;
import io.gatekeeper.flaky.store.IngestResult;
import io.gatekeeper.flaky.store.RunContext;
import io.gatekeeper.flaky.store.StateChange;
import io.gatekeeper.flaky.store.TestResultStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stores every report file of one run (one transaction each, all with the run's context) and gathers what
 * the judge needs: the failed tests with their first failure, whether a report had suite-level errors, the
 * tests whose state moved, and the reports that were refused.
 */
final class RunIngestor {

    /**
     * @param failures    first failed execution per test id, in report order
     * @param suiteErrors errors outside any test case (a class that did not load): no test to judge
     * @param refused     one line per refused or unreadable report
     */
    record Ingested(Map<String, ExecutionRow> failures, int tests, int suiteErrors, List<StateChange> changes,
                    List<String> refused) { }

    private final TestResultStore store;

    RunIngestor(TestResultStore store) {
        this.store = store;
    }

    Ingested ingest(RunContext run, List<Path> reports) {
        return ingest(run, reports, t -> { });
    }

    /**
     * As above, handing every test case to {@code alsoEach} as it is parsed (one parse for both), those of a
     * report refused part-way included: such a run is never judged a pass.
     */
    Ingested ingest(RunContext run, List<Path> reports, Consumer<TestCaseResult> alsoEach) {
        Map<Long, ExecutionRow> byId = new LinkedHashMap<>();
        List<StateChange> changes = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        int tests = 0;
        int suiteErrors = 0;
        for (Path report : reports) {
            try (InputStream in = Files.newInputStream(report)) {
                IngestResult result = store.ingest(run, in, alsoEach);
                // Failures of earlier files of the same run come back with later files: keep each once.
                result.failures().forEach(f -> byId.putIfAbsent(f.id(), f));
                changes.addAll(result.changes());
                tests += result.summary().tests();
                suiteErrors += result.summary().suiteErrors();
            } catch (ReportRejectedException e) {
                refused.add(report.getFileName() + " refused: " + e.getMessage());
            } catch (IOException e) {
                refused.add(report.getFileName() + " unreadable: " + e.getMessage());
            }
        }
        Map<String, ExecutionRow> failures = new LinkedHashMap<>();
        for (ExecutionRow row : byId.values()) {
            failures.putIfAbsent(row.testId(), row);
        }
        return new Ingested(failures, tests, suiteErrors, changes, refused);
    }
}
