package io.gatekeeper.flaky.judge;

import io.gatekeeper.flaky.model.ChangedTests;
import io.gatekeeper.flaky.model.Decision;
import io.gatekeeper.flaky.model.FailedTest;
import io.gatekeeper.flaky.model.FlakeJudge;
import io.gatekeeper.flaky.model.RerunResult;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The failed tests of one tier run on one candidate while they are being judged: each test's evidence so far
 * (the first failure, then one result per targeted re-run) and its current verdict. Lives from the failed
 * run to the final verdict; the gate's thread is the only one touching it.
 */
final class RerunSession {

    private static final class Entry {
        FailedTest test;
        Verdict verdict;

        Entry(FailedTest test, Verdict verdict) {
            this.test = test;
            this.verdict = verdict;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final String firstReason;
    private final Instant opened;
    private final Map<TestId, ChangedTests.TestFile> changedTests;
    private Duration took;
    int infraRetries;

    /** @param changedTests tests of the first run the change adds or modifies: burnt in if the tier passes */
    RerunSession(String firstReason, Duration took, Instant opened, Map<TestId, ChangedTests.TestFile> changedTests) {
        this.firstReason = firstReason;
        this.took = took;
        this.opened = opened;
        this.changedTests = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(changedTests));
    }

    void add(FailedTest test, Verdict verdict) {
        entries.add(new Entry(test, verdict));
    }

    /** Feeds one re-run's results to the tests still being re-run and judges them again. */
    void rerunDone(Map<String, RerunResult> results, FlakeJudge judge, Duration rerunTook) {
        took = took.plus(rerunTook);
        for (Entry e : entries) {
            if (e.verdict.decision() != Decision.RERUN) {
                continue;
            }
            RerunResult result = results.get(e.test.testId().value());
            if (result == null) {
                e.verdict = notRerun(e.verdict);
            } else {
                e.test = e.test.withRerun(result);
                e.verdict = judge.judge(e.test);
            }
        }
    }

    /** A test the re-run did not run cannot be excused: the failure stands as the change's. */
    private static Verdict notRerun(Verdict v) {
        String text = "`" + v.testId().display() + "` failed " + v.failures() + "/" + v.runs()
                + ", not in the re-run's reports, " + Decision.CHANGE_CAUSED.text();
        return new Verdict(v.testId(), Decision.CHANGE_CAUSED, v.failures(), v.runs(), v.rate(), v.hasHistory(),
                v.pChangeCaused(), v.maxReruns(), v.fingerprintKnown(), text);
    }

    List<Verdict> verdicts() {
        return entries.stream().map(e -> e.verdict).toList();
    }

    List<Verdict> pending() {
        return verdicts().stream().filter(v -> v.decision() == Decision.RERUN).toList();
    }

    List<Verdict> decided() {
        return verdicts().stream().filter(v -> v.decision().finalDecision()).toList();
    }

    boolean blocked() {
        return verdicts().stream().anyMatch(v -> v.decision().blocks());
    }

    List<String> failedNames() {
        return entries.stream().map(e -> e.test.testId().display()).toList();
    }

    String firstReason() {
        return firstReason;
    }

    Duration took() {
        return took;
    }

    Map<TestId, ChangedTests.TestFile> changedTests() {
        return changedTests;
    }

    Instant opened() {
        return opened;
    }
}
