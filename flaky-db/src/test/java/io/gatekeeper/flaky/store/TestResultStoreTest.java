package io.gatekeeper.flaky.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatekeeper.flaky.junit.ReportRejectedException;
import io.gatekeeper.flaky.junit.TestCaseResult;
import io.gatekeeper.flaky.model.Evidence;
import io.gatekeeper.flaky.model.FailedTest;
import io.gatekeeper.flaky.model.FlakeJudge;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.Outcome;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.model.Verdict;
import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.FreshDatabases;
import io.gatekeeper.flaky.testing.MutableClock;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same assertions on H2 and on a real PostgreSQL. */
class TestResultStoreTest {

    private static final String REPO = "acme/widgets";
    private static final TestId FOO = new TestId("org.example.FooTest", "bar");
    private static final String TRACE = "java.lang.AssertionError: boom\n\tat org.example.FooTest.bar(FooTest.java:12)\n";

    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private Jdbi jdbi;

    private TestResultStore store(DatabaseEngine engine) {
        jdbi = databases.create(engine).jdbi();
        return new TestResultStore(jdbi, ModelSettings.DEFAULT, clock);
    }

    private RunContext first(String commit, String tree) {
        return RunContext.firstRun(REPO, "unit", commit, tree, "node-1", clock.instant());
    }

    private RunContext rerun(String commit, String tree, int attempt) {
        return RunContext.rerun(REPO, "unit", commit, tree, attempt, "node-2", clock.instant());
    }

    private static TestCaseResult result(TestId id, String name, Outcome outcome) {
        boolean failed = outcome.failed();
        return new TestCaseResult(id.className(), id.className(), name, outcome, Duration.ofMillis(20),
                failed ? "java.lang.AssertionError" : null, failed ? "boom" : null, failed ? TRACE : null, 0, 0, null);
    }

    private static TestCaseResult foo(Outcome outcome) {
        return result(FOO, FOO.name(), outcome);
    }

    private long count(String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void ingest_recordsEveryExecutionAndItsRollup(DatabaseEngine engine) throws Exception {
        TestResultStore store = store(engine);
        IngestResult result;
        try (InputStream in = Files.newInputStream(corpus("surefire__scacap-email-errors.xml"))) {
            result = store.ingest(first("c1", "t1"), in);
        }
        assertThat(result.executions()).isEqualTo(9);
        assertThat(result.summary().failures() + result.summary().errors()).isEqualTo(7);
        assertThat(result.failures()).hasSize(7).allMatch(r -> r.evidence() == Evidence.NONE && r.fingerprint() != null);
        assertThat(count("test_execution")).isEqualTo(9);
        List<TestStateRow> tests = store.listTests(REPO, null, 100, 0);
        assertThat(tests).hasSize(9);
        assertThat(tests).allMatch(t -> t.runs() == 1 && t.state() == TestState.STABLE);
        assertThat(tests.stream().filter(t -> t.failures() == 1)).hasSize(7)
                .allMatch(t -> t.lastFailureAt().equals(clock.instant()));
        TestId failing = result.failures().get(0).test();
        assertThat(store.history(REPO, failing, 10)).singleElement()
                .satisfies(e -> assertThat(e.outcome().failed()).isTrue());
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void refusedReport_storesNothing(DatabaseEngine engine) throws Exception {
        TestResultStore store = store(engine);
        try (InputStream in = Files.newInputStream(corpus("surefire__corrupt-unclosed-cdata.xml"))) {
            assertThatThrownBy(() -> store.ingest(first("c1", "t1"), in)).isInstanceOf(ReportRejectedException.class);
        }
        assertThat(count("test_execution")).isZero();
        assertThat(count("test_state")).isZero();
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void passOnSameTree_excusesTheFailure_andTheTestBecomesFlaky(DatabaseEngine engine) {
        TestResultStore store = store(engine);
        IngestResult failed = store.record(first("c1", "t1"), List.of(foo(Outcome.FAIL)));
        assertThat(failed.failures()).singleElement().satisfies(f -> assertThat(f.evidence()).isEqualTo(Evidence.NONE));
        FailedTest before = store.failedTest(REPO, FOO, failed.failures().get(0).fingerprint());
        assertThat(new FlakeJudge(ModelSettings.DEFAULT).judge(before).text())
                .isEqualTo("`FooTest.bar` failed 1/1, no flake history, judged caused by the change");

        clock.advance(Duration.ofMinutes(5));
        IngestResult passed = store.record(rerun("c1", "t1", 2), List.of(foo(Outcome.PASS)));
        assertThat(passed.changes()).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo(TestState.STABLE);
            assertThat(c.to()).isEqualTo(TestState.FLAKY);
            assertThat(c.reason()).startsWith("failed innocently: rate ");
        });
        assertThat(store.history(REPO, FOO, 10)).extracting(ExecutionRow::evidence)
                .containsExactly(Evidence.NONE, Evidence.SAME_TREE_PASSED);
        TestStateRow row = store.test(REPO, FOO).orElseThrow();
        // Beta(0.25 + 1, 2.5 + 1) five minutes later (the failure weighs a hair under 1): 1.25 / 4.75.
        assertThat(row.rate()).isCloseTo(1.25 / 4.75, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(row.runs()).isEqualTo(2);
        FailedTest after = store.failedTest(REPO, FOO, failed.failures().get(0).fingerprint());
        assertThat(after.knownFingerprints()).containsExactly(failed.failures().get(0).fingerprint());
        assertThat(after.fingerprintKnown()).isTrue();
        assertThat(after.state()).isEqualTo(TestState.FLAKY);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void otherParameterPassing_doesNotExcuseAFailure(DatabaseEngine engine) {
        TestResultStore store = store(engine);
        TestId p = new TestId("org.example.ParamTest", "adds");
        store.record(first("c1", "t1"), List.of(result(p, "adds[1]", Outcome.PASS), result(p, "adds[2]", Outcome.FAIL)));
        assertThat(store.history(REPO, p, 10)).extracting(ExecutionRow::evidence).containsOnly(Evidence.NONE);
        assertThat(store.test(REPO, p).orElseThrow().state()).isEqualTo(TestState.STABLE);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void blamingTheChange_revokesItsFlakeEvidence(DatabaseEngine engine) {
        TestResultStore store = store(engine);
        String fp = store.record(first("c1", "t1"), List.of(foo(Outcome.FAIL))).failures().get(0).fingerprint();
        store.record(rerun("c1", "t1", 2), List.of(foo(Outcome.PASS)));
        assertThat(store.test(REPO, FOO).orElseThrow().state()).isEqualTo(TestState.FLAKY);

        FailedTest t = store.failedTest(REPO, FOO, fp);
        Verdict blame = new Verdict(FOO, io.gatekeeper.flaky.model.Decision.CHANGE_CAUSED, 1, 2, t.rate(), true,
                0.9, 5, true, "`FooTest.bar` failed 1/2, judged caused by the change");
        List<StateChange> changes = store.recordVerdict(REPO, "unit", "c1", blame);
        assertThat(changes).singleElement().satisfies(c -> assertThat(c.to()).isEqualTo(TestState.STABLE));
        assertThat(store.history(REPO, FOO, 10)).extracting(ExecutionRow::evidence).containsOnly(Evidence.NONE);
        assertThat(store.failedTest(REPO, FOO, fp).knownFingerprints()).isEmpty();
        assertThat(store.test(REPO, FOO).orElseThrow().weightedFailures()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(store.verdicts(REPO, "c1")).singleElement().satisfies(v -> {
            assertThat(v.pChangeCaused()).isEqualTo(0.9);
            assertThat(v.text()).isEqualTo("`FooTest.bar` failed 1/2, judged caused by the change");
        });

        // A later pass on the blamed candidate's tree must not excuse it again.
        store.record(rerun("c1", "t1", 3), List.of(foo(Outcome.PASS)));
        assertThat(store.history(REPO, FOO, 10)).extracting(ExecutionRow::evidence).containsOnly(Evidence.NONE);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void noCulpritInBatch_excusesItsFailures(DatabaseEngine engine) {
        TestResultStore store = store(engine);
        store.record(first("batch-1", "t9"), List.of(foo(Outcome.ERROR)));
        List<StateChange> changes = store.markNoCulprit(REPO, List.of("batch-1"));
        assertThat(changes).extracting(StateChange::to).containsExactly(TestState.FLAKY);
        // One innocent failure, no pass: Beta(1.25, 2.5), mean 1.25 / 3.75.
        io.gatekeeper.flaky.model.RatePosterior expected = io.gatekeeper.flaky.model.RatePosterior.of(0.25, 2.5, 1, 0);
        assertThat(changes.get(0).reason()).isEqualTo("failed innocently: rate 0.33 [" + FlakeJudge.number(expected.lower())
                + ", " + FlakeJudge.number(expected.upper()) + "]");
        assertThat(store.history(REPO, FOO, 1)).extracting(ExecutionRow::evidence).containsExactly(Evidence.NO_CULPRIT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void veryFlakyTest_isQuarantinedAutomatically(DatabaseEngine engine) {
        TestResultStore store = store(engine);
        List<StateChange> changes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String commit = "c" + i;
            store.record(first(commit, "t" + i), List.of(foo(Outcome.FAIL)));
            clock.advance(Duration.ofMinutes(1));
            changes.addAll(store.record(rerun(commit, "t" + i, 2), List.of(foo(Outcome.PASS))).changes());
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(changes).extracting(StateChange::to).containsExactly(TestState.FLAKY, TestState.QUARANTINED);
        assertThat(changes.get(1).reason()).startsWith("quarantined automatically: rate lower bound ");
        TestStateRow row = store.test(REPO, FOO).orElseThrow();
        assertThat(row.quarantined()).isTrue();
        assertThat(row.quarantinedByHand()).isFalse();
        assertThat(store.failedTest(REPO, FOO, "fp")).extracting(FailedTest::state, FailedTest::quarantinedByHand)
                .containsExactly(TestState.QUARANTINED, false);
        // Head failing it too: judged as broken, so no re-run can blame a candidate for it.
        for (int i = 0; i < 3; i++) {
            store.record(first("h" + i, "ht" + i).asHeadRun(), List.of(foo(Outcome.FAIL)));
        }
        assertThat(store.failedTest(REPO, FOO, "fp").state()).isEqualTo(TestState.BROKEN);
        assertThat(store.test(REPO, FOO).orElseThrow().state()).isEqualTo(TestState.QUARANTINED);
        assertThat(store.listTests(REPO, TestState.QUARANTINED, 10, 0)).extracting(TestStateRow::testId)
                .containsExactly(FOO.value());
        assertThat(store.stateChanges(REPO, FOO)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void threeHeadFailuresInARow_markTheTestBroken_untilItPasses(DatabaseEngine engine) {
        TestResultStore store = store(engine);
        List<StateChange> changes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            changes.addAll(store.record(first("h" + i, "ht" + i).asHeadRun(), List.of(foo(Outcome.FAIL))).changes());
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(changes).extracting(StateChange::to, StateChange::reason)
                .containsExactly(org.assertj.core.api.Assertions.tuple(TestState.BROKEN, "failed 3 times in a row on head"));
        assertThat(store.record(first("h4", "ht4").asHeadRun(), List.of(foo(Outcome.PASS))).changes())
                .extracting(StateChange::to).containsExactly(TestState.STABLE);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void quarantineAndReleaseByHand_areAudited(DatabaseEngine engine) {
        TestResultStore store = store(engine);
        store.record(first("c1", "t1"), List.of(foo(Outcome.PASS)));
        StateChange q = store.quarantine(REPO, FOO, "alice", "  times out on ARM runners  ");
        assertThat(q).extracting(StateChange::from, StateChange::to, StateChange::byHand, StateChange::actor, StateChange::reason)
                .containsExactly(TestState.STABLE, TestState.QUARANTINED, true, "alice", "times out on ARM runners");
        assertThat(store.test(REPO, FOO).orElseThrow().quarantineReason()).isEqualTo("times out on ARM runners");
        assertThat(store.failedTest(REPO, FOO, "fp").quarantinedByHand()).isTrue();
        // A clean record does not release a quarantine made by hand.
        for (int i = 0; i < 20; i++) {
            store.record(first("c" + (i + 2), "t" + (i + 2)), List.of(foo(Outcome.PASS)));
        }
        assertThat(store.test(REPO, FOO).orElseThrow().state()).isEqualTo(TestState.QUARANTINED);
        store.setOwner(REPO, FOO, "team-widgets");
        StateChange r = store.release(REPO, FOO, "bob", "fixed in #42");
        assertThat(r.to()).isEqualTo(TestState.STABLE);
        TestStateRow row = store.test(REPO, FOO).orElseThrow();
        assertThat(row.owner()).isEqualTo("team-widgets");
        assertThat(row.quarantineReason()).isNull();
        assertThat(store.stateChanges(REPO, FOO)).extracting(StateChange::actor).containsExactly("alice", "bob");
        assertThatThrownBy(() -> store.quarantine(REPO, new TestId("x.Nope", "no"), "alice", "why"))
                .isInstanceOf(UnknownTestException.class).hasMessage("no test x.Nope#no in acme/widgets");
        assertThatThrownBy(() -> store.quarantine(REPO, FOO, "alice", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void concurrentIngestsOfTheSameNewTests_loseNoUpdate(DatabaseEngine engine) throws Exception {
        TestResultStore store = store(engine);
        List<TestCaseResult> report = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            report.add(result(new TestId("org.example.T" + i, "t"), "t", Outcome.PASS));
        }
        int threads = 4;
        int each = 3;
        List<Throwable> errors = concurrently(threads, worker -> {
            for (int k = 0; k < each; k++) {
                store.record(first("w" + worker + "-" + k, "tree-" + worker + "-" + k), report);
            }
        });
        assertThat(errors).isEmpty();
        assertThat(store.listTests(REPO, null, 100, 0)).hasSize(50).allMatch(t -> t.runs() == threads * each);
        assertThat(count("test_execution")).isEqualTo(50L * threads * each);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void concurrentPassesOnOneTree_excuseAFailureOnce(DatabaseEngine engine) throws Exception {
        TestResultStore store = store(engine);
        store.record(first("c1", "t1"), List.of(foo(Outcome.FAIL)));
        List<Throwable> errors = concurrently(4,
                worker -> store.record(rerun("c1", "t1", worker + 2), List.of(foo(Outcome.PASS))));
        assertThat(errors).isEmpty();
        TestStateRow row = store.test(REPO, FOO).orElseThrow();
        assertThat(row.weightedFailures()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(row.weightedPasses()).isCloseTo(4.0, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(row.runs()).isEqualTo(5);
        assertThat(store.stateChanges(REPO, FOO)).extracting(StateChange::to).containsExactly(TestState.FLAKY);
    }

    private interface Worker {
        void run(int index) throws Exception;
    }

    /** Runs {@code worker} 0..threads-1 on as many threads at once; returns what they threw. */
    private static List<Throwable> concurrently(int threads, Worker worker) throws InterruptedException {
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int index = w;
            workers.add(new Thread(() -> {
                try {
                    worker.run(index);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread t : workers) {
            t.join();
        }
        return errors;
    }

    private static Path corpus(String file) {
        return Path.of(System.getProperty("gatekeeper.shared"), "corpus", "junit", file);
    }
}
