package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.junit.JUnitXmlParser;
import io.gatekeeper.flaky.junit.ReportRejectedException;
import io.gatekeeper.flaky.junit.TestCaseResult;
import io.gatekeeper.flaky.model.FailureFingerprint;
import io.gatekeeper.flaky.model.Outcome;
import io.gatekeeper.flaky.model.RerunResult;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a re-run's reports for the tests that were asked for: one result per test (failed if any of its
 * invocations failed, with the first failure's fingerprint; passed if any passed and none failed; absent if
 * it did not run or was only skipped), and how many distinct tests ran at all, which tells a targeted re-run
 * from a tier that ignored {@code GATEKEEPER_RERUN_TESTS} and re-ran whole.
 */
final class RerunReports {

    /** @param error why a report could not be read, or null */
    record Read(Map<String, RerunResult> results, int testsRan, String error) { }

    private final JUnitXmlParser parser = new JUnitXmlParser();

    Read read(List<Path> reports, Set<String> asked) {
        Map<String, RerunResult> results = new HashMap<>();
        Set<String> ran = new HashSet<>();
        for (Path report : reports) {
            try (InputStream in = Files.newInputStream(report)) {
                parser.parse(in, t -> {
                    String id = t.testId().value();
                    ran.add(id);
                    if (asked.contains(id)) {
                        results.merge(id, result(t), RerunReports::worse);
                    }
                });
            } catch (ReportRejectedException e) {
                return new Read(Map.of(), ran.size(), report.getFileName() + " refused: " + e.getMessage());
            } catch (IOException e) {
                return new Read(Map.of(), ran.size(), report.getFileName() + " unreadable: " + e.getMessage());
            }
        }
        results.values().removeIf(r -> r == SKIPPED);
        return new Read(results, ran.size(), null);
    }

    /** Marker for a skipped invocation: counts as no result unless another invocation ran. */
    private static final RerunResult SKIPPED = new RerunResult(Outcome.SKIP, null);

    private static RerunResult result(TestCaseResult t) {
        if (t.outcome().failed()) {
            return RerunResult.fail(FailureFingerprint.of(t.failureType(), t.failureMessage(), t.stackTrace()).id());
        }
        return t.outcome() == Outcome.PASS ? RerunResult.pass() : SKIPPED;
    }

    private static RerunResult worse(RerunResult a, RerunResult b) {
        if (a.outcome().failed()) {
            return a;
        }
        if (b.outcome().failed()) {
            return b;
        }
        return a == SKIPPED ? b : a;
    }
}
