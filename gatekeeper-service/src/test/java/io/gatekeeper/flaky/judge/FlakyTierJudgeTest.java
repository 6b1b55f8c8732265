package io.gatekeeper.flaky.judge;

import io.gatekeeper.events.Webhooks;
import io.gatekeeper.flaky.HeadHistory;
import io.gatekeeper.flaky.Reports;
import io.gatekeeper.flaky.model.Attempt;
import io.gatekeeper.flaky.model.BurnInSettings;
import io.gatekeeper.flaky.model.Decision;
import io.gatekeeper.flaky.model.Evidence;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.RerunBudget;
import io.gatekeeper.flaky.model.Scope;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.service.TestOwners;
import io.gatekeeper.flaky.service.TestSignals;
import io.gatekeeper.flaky.store.ExecutionRow;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.flaky.store.TestStateRow;
import io.gatekeeper.flaky.store.VerdictRow;
import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.FreshDatabases;
import io.gatekeeper.flaky.testing.MutableClock;
import io.gatekeeper.gate.TierOutcomeJudge.Judgement;
import io.gatekeeper.gate.TierOutcomeJudge.Run;
import io.gatekeeper.git.InMemoryRepositoryStore;
import io.gatekeeper.queue.Event;
import io.gatekeeper.runner.tier.TierResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The judge step's decisions (issue 5 §3) on real stores (H2 and PostgreSQL) and real report files: no flake
 * history → the change at once; a measured rate → targeted re-runs until decided; quarantined → never blocks.
 */
class FlakyTierJudgeTest {
    static final String REPO = "shop";
    static final String TIER = "unit";
    static final String STABLE = "demo.CalcTest#adds";
    static final String FLAKY = "demo.NetTest#fetches";
    static final String OTHER = "demo.CalcTest#subtracts";

    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();
    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final AtomicLong runIds = new AtomicLong();
    TestResultStore store;
    FlakyTierJudge judge;
    /** The branches each candidate commit carried, as the queue would have recorded them. */
    final Map<String, Set<String>> branches = new HashMap<>();

    void open(DatabaseEngine engine) {
        store = new TestResultStore(databases.create(engine).jdbi(), ModelSettings.DEFAULT, clock);
        TestSignals signals = new TestSignals(store, new TestOwners(new InMemoryRepositoryStore(),
                name -> Optional.empty()), new Webhooks(List.of()));
        judge = new FlakyTierJudge(store, ModelSettings.DEFAULT, BurnInSettings.DEFAULT.withRuns(0), ChangedFiles.NONE,
                (repo, commit) -> branches.getOrDefault(commit, Set.of()), signals, clock);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void testWithoutFlakeHistory_isTheChangesFaultAtOnce_withoutRerun(DatabaseEngine engine) {
        open(engine);
        Judgement j = judge.judge(run("c1", List.of(), failed(), Reports.fail(STABLE, "boom"), Reports.pass(FLAKY)),
                proposedFailure(1));

        assertThat(j.rerun()).isFalse();
        Event.TierFailed failed = (Event.TierFailed) j.event();
        assertThat(failed.reason()).startsWith("tier unit failed: command exited with status 1")
                .contains("`CalcTest.adds` failed 1/1, no flake history, judged caused by the change")
                .contains("log tail:");
        assertThat(failed.failedTests()).containsExactly("CalcTest.adds");
        VerdictRow verdict = onlyVerdict("c1");
        assertThat(verdict.decision()).isEqualTo(Decision.CHANGE_CAUSED);
        assertThat(verdict.pChangeCaused()).as("stored with its numbers").isStrictlyBetween(0.0, 1.0);
        assertThat(verdict.runs()).isEqualTo(1);
        assertThat(verdict.maxReruns()).isZero();
        assertThat(store.history(REPO, TestId.parse(STABLE), 10)).singleElement()
                .satisfies(e -> assertThat(e.attemptKind()).isEqualTo(Attempt.FIRST))
                .satisfies(e -> assertThat(e.evidence()).isEqualTo(Evidence.NONE));
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void measuredFlakyFailure_isRerunAlone_andAPassExcusesIt(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory();
        Judgement first = judge.judge(run("c2", List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "timeout")), proposedFailure(2));

        assertThat(first.rerun()).isTrue();
        assertThat(first.rerunEnv()).containsExactly(Map.entry("GATEKEEPER_RERUN_TESTS", FLAKY));
        assertThat(first.rerunTests()).containsExactly(FLAKY);
        assertThat(first.note()).contains("re-running 1 test(s)", "`NetTest.fetches` failed 1/1, rate 0.");
        assertThat(store.verdicts(REPO, "c2")).as("nothing is decided yet").isEmpty();

        Judgement second = judge.judge(run("c2", first.rerunTests(), passed(), Reports.pass(FLAKY)),
                new Event.TierPassed(2, TIER, Duration.ofSeconds(1)));

        assertThat(second.event()).isInstanceOf(Event.TierPassed.class);
        assertThat(second.note()).startsWith("every failure judged not blocking");
        VerdictRow verdict = onlyVerdict("c2");
        assertThat(verdict.decision()).isEqualTo(Decision.FLAKY);
        assertThat(verdict.text()).matches("`NetTest\\.fetches` failed 1/2, rate 0\\.\\d+ \\[0\\.\\d+, 0\\.\\d+\\],"
                + " judged flaky");
        assertThat(verdict.pChangeCaused()).isLessThan(0.5);
        List<ExecutionRow> history = store.history(REPO, TestId.parse(FLAKY), 2);
        assertThat(history.get(0).attemptKind()).isEqualTo(Attempt.RERUN);
        assertThat(history.get(0).scope()).isEqualTo(Scope.ISOLATED);
        assertThat(history.get(1).evidence()).as("the candidate's failure is now flake evidence")
                .isEqualTo(Evidence.SAME_TREE_PASSED);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void measuredFlakyFailure_failingEveryRerun_isTheChangesFault_afterItsBudget(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory();
        int budget = RerunBudget.reruns(store.failedTest(REPO, TestId.parse(FLAKY), null).rate().upperBound(),
                ModelSettings.DEFAULT);
        Judgement j = judge.judge(run("c3", List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "timeout")), proposedFailure(3));
        int reruns = 0;
        while (j.rerun()) {
            reruns++;
            assertThat(reruns).as("bounded by the budget").isLessThanOrEqualTo(budget);
            j = judge.judge(run("c3", j.rerunTests(), failed(), Reports.fail(FLAKY, "timeout")), proposedFailure(3));
        }

        assertThat(reruns).isEqualTo(budget).isBetween(1, ModelSettings.DEFAULT.maxReruns());
        Event.TierFailed failed = (Event.TierFailed) j.event();
        assertThat(failed.reason()).contains("`NetTest.fetches` failed " + (budget + 1) + "/" + (budget + 1))
                .contains("judged caused by the change");
        assertThat(onlyVerdict("c3").decision()).isEqualTo(Decision.CHANGE_CAUSED);
        assertThat(store.history(REPO, TestId.parse(FLAKY), budget + 1))
                .as("the blamed failures never count as flake evidence")
                .allSatisfy(e -> assertThat(e.evidence()).isEqualTo(Evidence.NONE));
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void quarantinedTestFailure_neverBlocks_andIsNotRerun(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory();
        store.quarantine(REPO, TestId.parse(FLAKY), "admin", "times out on the shared runner");
        Judgement j = judge.judge(run("c4", List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "timeout")), proposedFailure(4));

        assertThat(j.rerun()).isFalse();
        assertThat(j.event()).isInstanceOf(Event.TierPassed.class);
        VerdictRow verdict = onlyVerdict("c4");
        assertThat(verdict.decision()).isEqualTo(Decision.QUARANTINED);
        assertThat(verdict.text()).endsWith("quarantined, not blocking");
        assertThat(store.history(REPO, TestId.parse(FLAKY), 1)).singleElement()
                .as("the rest of the run passed: its failure counts, so its rate does not drift to 0")
                .satisfies(e -> assertThat(e.evidence()).isEqualTo(Evidence.QUARANTINED_RUN_PASSED));
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void testQuarantinedForItsRate_failingANewWayEveryTime_isTheChangesFault(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory(30, 3);
        TestStateRow row = store.test(REPO, TestId.parse(FLAKY)).orElseThrow();
        assertThat(row.state()).isEqualTo(TestState.QUARANTINED);
        assertThat(row.quarantinedByHand()).isFalse();

        Judgement knownWay = judge.judge(run("c10", List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "timeout")), proposedFailure(10));
        assertThat(knownWay.rerun()).as("failing its known way is its known flakiness").isFalse();
        assertThat(knownWay.event()).isInstanceOf(Event.TierPassed.class);

        int budget = RerunBudget.reruns(store.failedTest(REPO, TestId.parse(FLAKY), null).rate().upperBound(),
                ModelSettings.DEFAULT.risk(), ModelSettings.DEFAULT.quarantineMaxReruns());
        Judgement j = judge.judge(run("c11", List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "parserNpe")), proposedFailure(11));
        assertThat(j.note()).contains("quarantined, but it failed a new way");
        int reruns = 0;
        while (j.rerun()) {
            reruns++;
            assertThat(j.rerunTests()).containsExactly(FLAKY);
            j = judge.judge(run("c11", j.rerunTests(), failed(), Reports.fail(FLAKY, "parserNpe")),
                    proposedFailure(11));
        }
        assertThat(reruns).isEqualTo(budget).isGreaterThan(ModelSettings.DEFAULT.maxReruns());
        Event.TierFailed failed = (Event.TierFailed) j.event();
        assertThat(failed.failedTests()).containsExactly("NetTest.fetches");
        assertThat(failed.reason()).contains("judged caused by the change: quarantined, but it failed a new way and"
                + " then every re-run");
        assertThat(onlyVerdict("c11").decision()).isEqualTo(Decision.CHANGE_CAUSED);
    }

    @ParameterizedTest
    @EnumSource(DatabaseEngine.class)
    void testQuarantinedForItsRate_thatHeadFails_stopsBlamingCandidates_untilItPassesAgain(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory(30, 3);
        // Something on head broke the quarantined test: unrelated candidates fail it the new way, nothing passes it.
        for (int c = 20; c < 23; c++) {
            branches.put("c" + c, Set.of("pull-request/change-" + c));
            assertThat(blamedAfterReruns("c" + c)).as("candidate %d is blamed", c).isTrue();
        }
        branches.put("c23", Set.of("pull-request/change-23"));
        Judgement fourth = judge.judge(run("c23", List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "parserNpe")), proposedFailure(23));
        assertThat(fourth.rerun()).as("3 unrelated candidates blamed and no pass since: head fails it").isFalse();
        assertThat(fourth.event()).isInstanceOf(Event.TierPassed.class);
        assertThat(onlyVerdict("c23").decision()).isEqualTo(Decision.BROKEN_ON_HEAD);

        Judgement fixed = judge.judge(run("c24", List.of(), passed(), Reports.pass(STABLE), Reports.pass(FLAKY)),
                new Event.TierPassed(24, TIER, Duration.ofSeconds(1)));
        assertThat(fixed.event()).isInstanceOf(Event.TierPassed.class);
        branches.put("c25", Set.of("pull-request/change-25"));
        assertThat(blamedAfterReruns("c25")).as("it passed again: a new failure is a candidate's again").isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseEngine.class, names = "H2")
    void testQuarantinedForItsRate_failingInEveryCandidateOfOneCulprit_keepsBlamingIt(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory(30, 3);
        // The batch, its probe and the single-change probe all carry the culprit: isolation, not a broken head.
        branches.put("c30", Set.of("pull-request/a", "pull-request/bad", "pull-request/b"));
        branches.put("c31", Set.of("pull-request/bad", "pull-request/b"));
        branches.put("c32", Set.of("pull-request/bad"));
        branches.put("c33", Set.of("pull-request/bad"));
        for (int c = 30; c < 34; c++) {
            assertThat(blamedAfterReruns("c" + c)).as("candidate %d carries the culprit", c).isTrue();
        }
    }

    /** Fails {@link #FLAKY} a new way on this candidate and on every re-run asked for; whether the tier failed. */
    boolean blamedAfterReruns(String commit) {
        long candidate = Long.parseLong(commit.substring(1));
        Judgement j = judge.judge(run(commit, List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "parserNpe")), proposedFailure(candidate));
        while (j.rerun()) {
            j = judge.judge(run(commit, j.rerunTests(), failed(), Reports.fail(FLAKY, "parserNpe")),
                    proposedFailure(candidate));
        }
        return j.event() instanceof Event.TierFailed;
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseEngine.class, names = "H2")
    void testQuarantinedForItsRate_failingANewWayOnce_isStillNotBlocking(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory(30, 3);
        Judgement j = judge.judge(run("c12", List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "parserNpe")), proposedFailure(12));
        assertThat(j.rerun()).isTrue();
        Judgement second = judge.judge(run("c12", j.rerunTests(), passed(), Reports.pass(FLAKY)),
                new Event.TierPassed(12, TIER, Duration.ofSeconds(1)));
        assertThat(second.event()).isInstanceOf(Event.TierPassed.class);
        assertThat(onlyVerdict("c12").text()).contains("failed 1/2").endsWith("quarantined, not blocking");
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseEngine.class, names = "H2")
    void quarantinedTestFailure_besideABlockingOne_isNotCounted(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory();
        store.quarantine(REPO, TestId.parse(FLAKY), "admin", "times out on the shared runner");
        Judgement j = judge.judge(run("c9", List.of(), failed(), Reports.fail(OTHER, "wrong"),
                Reports.fail(FLAKY, "timeout")), proposedFailure(9));

        assertThat(j.event()).isInstanceOf(Event.TierFailed.class);
        assertThat(store.history(REPO, TestId.parse(FLAKY), 1)).singleElement()
                .satisfies(e -> assertThat(e.evidence()).isEqualTo(Evidence.NONE));
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseEngine.class, names = "H2")
    void aStableFailureBesideAFlakyOne_blocksAtOnce_withoutRerunningTheFlaky(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory();
        Judgement j = judge.judge(run("c5", List.of(), failed(), Reports.fail(OTHER, "wrong"),
                Reports.fail(FLAKY, "timeout")), proposedFailure(5));

        assertThat(j.rerun()).isFalse();
        assertThat(((Event.TierFailed) j.event()).failedTests()).containsExactly("CalcTest.subtracts");
        assertThat(store.verdicts(REPO, "c5")).extracting(VerdictRow::decision)
                .containsExactly(Decision.CHANGE_CAUSED);
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseEngine.class, names = "H2")
    void tierIgnoringTheRerunVariable_rerunsWhole_andItsLogSaysSo(DatabaseEngine engine) throws Exception {
        open(engine);
        seedFlakyHistory();
        Judgement first = judge.judge(run("c6", List.of(), failed(), Reports.pass(STABLE),
                Reports.fail(FLAKY, "timeout")), proposedFailure(6));
        Run whole = run("c6", first.rerunTests(), passed(), Reports.pass(STABLE), Reports.pass(OTHER),
                Reports.pass(FLAKY));
        Judgement second = judge.judge(whole, new Event.TierPassed(6, TIER, Duration.ofSeconds(1)));

        assertThat(second.event()).isInstanceOf(Event.TierPassed.class);
        assertThat(Files.readString(whole.log())).contains(
                "gatekeeper: the tier ignored GATEKEEPER_RERUN_TESTS and re-ran whole: asked for 1 test(s), 3 ran");
        assertThat(second.note()).startsWith("the tier ignored GATEKEEPER_RERUN_TESTS");
        assertThat(store.history(REPO, TestId.parse(OTHER), 1)).singleElement()
                .satisfies(e -> assertThat(e.scope()).as("a whole re-run ran in suite").isEqualTo(Scope.IN_SUITE));
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseEngine.class, names = "H2")
    void failureWithNoFailedTestInTheReports_keepsTheGatesOutcome(DatabaseEngine engine) {
        open(engine);
        Event.TierFailed proposed = proposedFailure(7);
        Judgement j = judge.judge(run("c7", List.of(), failed(), Reports.pass(STABLE)), proposed);

        assertThat(j.event()).isSameAs(proposed);
        assertThat(j.rerun()).isFalse();
        assertThat(store.history(REPO, TestId.parse(STABLE), 5)).as("still recorded").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(value = DatabaseEngine.class, names = "H2")
    void rerunThatDoesNotRunTheTest_cannotExcuseIt(DatabaseEngine engine) {
        open(engine);
        seedFlakyHistory();
        Judgement first = judge.judge(run("c8", List.of(), failed(), Reports.fail(FLAKY, "timeout")),
                proposedFailure(8));
        Judgement second = judge.judge(run("c8", first.rerunTests(), passed()), new Event.TierPassed(8, TIER,
                Duration.ZERO));

        assertThat(second.event()).isInstanceOf(Event.TierFailed.class);
        assertThat(onlyVerdict("c8").text()).contains("not in the re-run's reports");
    }

    /** Head runs of {@link #FLAKY}: 4 failures in 20, each excused by a pass on the same tree. */
    void seedFlakyHistory() {
        seedFlakyHistory(20, 5);
        assertThat(store.test(REPO, TestId.parse(FLAKY)).orElseThrow().state()).isEqualTo(TestState.FLAKY);
    }

    /** Head runs of {@link #FLAKY}: one failure in every {@code failEvery} runs, each excused by a same-tree pass. */
    void seedFlakyHistory(int runs, int failEvery) {
        HeadHistory.seed(store, clock, REPO, TIER, FLAKY, runs, failEvery, STABLE);
    }

    VerdictRow onlyVerdict(String commit) {
        List<VerdictRow> verdicts = store.verdicts(REPO, commit);
        assertThat(verdicts).hasSize(1);
        return verdicts.get(0);
    }

    Run run(String commit, List<String> rerunTests, TierResult.Outcome outcome, String... testcases) {
        long id = runIds.incrementAndGet();
        clock.advance(Duration.ofSeconds(30));
        List<Path> reports = testcases.length == 0 ? List.of()
                : List.of(Reports.write(tmp.resolve("run-" + id), testcases));
        TierResult result = new TierResult(outcome, outcome == TierResult.Outcome.PASSED ? 0 : 1,
                "command exited with status " + (outcome == TierResult.Outcome.PASSED ? 0 : 1), reports,
                Duration.ofSeconds(1));
        return new Run(REPO, Long.parseLong(commit.substring(1)), commit, "tree-" + commit, false, TIER, id,
                (int) id, rerunTests, result, false, "local", tmp.resolve("logs").resolve("run-" + id + ".log"));
    }

    static TierResult.Outcome failed() {
        return TierResult.Outcome.FAILED;
    }

    static TierResult.Outcome passed() {
        return TierResult.Outcome.PASSED;
    }

    static Event.TierFailed proposedFailure(long candidate) {
        return new Event.TierFailed(candidate, TIER, "tier unit failed: command exited with status 1; failing tests:"
                + " ...\nlog tail:\nFAILED", List.of(), Duration.ofSeconds(1));
    }
}
