package io.gatekeeper.flaky.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeeper.flaky.junit.TestCaseResult;
import io.gatekeeper.flaky.model.Decision;
import io.gatekeeper.flaky.model.Evidence;
import io.gatekeeper.flaky.model.FlakeJudge;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.Outcome;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.model.Verdict;
import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.FreshDatabases;
import io.gatekeeper.flaky.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A quarantined test is never re-run, so no same-tree pass ever excuses its failures, while its passes always
 * count. Two tests fail the same 30% of candidate runs for 150 days after being quarantined automatically:
 * the one whose failures count when the rest of the run passed keeps a rate near 0.3 and stays quarantined;
 * the other (what the store did before) drifts towards 0, on its way to a release on that biased estimate.
 */
class QuarantinedEvidenceTest {

    private static final String REPO = "shop";
    private static final TestId COUNTED = new TestId("demo.NetTest", "fetches");
    private static final TestId UNCOUNTED = new TestId("demo.DiskTest", "writes");
    private static final String TRACE = "java.lang.AssertionError: timeout\n\tat demo.NetTest.fetches(NetTest.java:9)\n";

    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FlakeJudge judge = new FlakeJudge(ModelSettings.DEFAULT);

    private static TestCaseResult result(TestId id, boolean fails) {
        return new TestCaseResult(id.className(), id.className(), id.name(), fails ? Outcome.FAIL : Outcome.PASS,
                Duration.ofMillis(20), fails ? "java.lang.AssertionError" : null, fails ? "timeout" : null,
                fails ? TRACE : null, 0, 0, null);
    }

    /** Runs 0, 3 and 6 of every ten fail: 30%. */
    private static boolean fails(int run) {
        return run % 10 == 0 || run % 10 == 3 || run % 10 == 6;
    }

    @Test
    void quarantinedTestFailing30Percent_keepsItsRate_andStaysQuarantined() {
        TestResultStore store = new TestResultStore(databases.create(DatabaseEngine.H2).jdbi(),
                ModelSettings.DEFAULT, clock);
        // History: 40 candidate runs whose failures isolation found innocent, enough to quarantine both.
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clock.advance(Duration.ofHours(6));
            String commit = "h" + i;
            store.record(RunContext.firstRun(REPO, "unit", commit, "tree-" + commit, "n1", clock.instant()),
                    List.of(result(COUNTED, fails(i)), result(UNCOUNTED, fails(i))));
            batch.add(commit);
        }
        store.markNoCulprit(REPO, batch);
        assertThat(store.test(REPO, COUNTED).orElseThrow().state()).isEqualTo(TestState.QUARANTINED);
        assertThat(store.test(REPO, UNCOUNTED).orElseThrow().state()).isEqualTo(TestState.QUARANTINED);

        // 150 days of candidates, two a day; each fails both tests 30% of the time and nothing else.
        for (int i = 0; i < 300; i++) {
            clock.advance(Duration.ofHours(12));
            String commit = "c" + i;
            store.record(RunContext.firstRun(REPO, "unit", commit, "tree-" + commit, "n1", clock.instant()),
                    List.of(result(COUNTED, fails(i)), result(UNCOUNTED, fails(i))));
            if (fails(i)) {
                Verdict v = judge.judge(store.failedTest(REPO, COUNTED, null));
                assertThat(v.decision()).isEqualTo(Decision.QUARANTINED);
                store.recordVerdict(REPO, "unit", commit, v);
                store.countQuarantinedFailures(REPO, commit, "unit", List.of(COUNTED));
            }
        }

        TestStateRow counted = store.test(REPO, COUNTED).orElseThrow();
        assertThat(counted.rate()).as("posterior mean").isBetween(0.27, 0.33);
        assertThat(counted.state()).isEqualTo(TestState.QUARANTINED);
        assertThat(store.stateChanges(REPO, COUNTED)).extracting(StateChange::to)
                .as("never released").containsExactly(TestState.QUARANTINED);
        assertThat(store.history(REPO, COUNTED, 10)).filteredOn(e -> e.outcome().failed())
                .isNotEmpty().allSatisfy(e -> assertThat(e.evidence()).isEqualTo(Evidence.QUARANTINED_RUN_PASSED));

        TestStateRow uncounted = store.test(REPO, UNCOUNTED).orElseThrow();
        assertThat(uncounted.rate()).as("only its passes counted: on its way to release").isLessThan(0.03);
    }
}
