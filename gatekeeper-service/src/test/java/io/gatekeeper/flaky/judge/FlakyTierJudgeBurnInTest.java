package io.gatekeeper.flaky.judge;

import io.gatekeeper.events.Webhooks;
import io.gatekeeper.flaky.HeadHistory;
import io.gatekeeper.flaky.Reports;
import io.gatekeeper.flaky.model.Attempt;
import io.gatekeeper.flaky.model.BurnInSettings;
import io.gatekeeper.flaky.model.Decision;
import io.gatekeeper.flaky.model.Evidence;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.Scope;
import io.gatekeeper.flaky.model.TestId;
import io.gatekeeper.flaky.service.TestOwners;
import io.gatekeeper.flaky.service.TestSignals;
import io.gatekeeper.flaky.store.ExecutionRow;
import io.gatekeeper.flaky.store.TestResultStore;
import io.gatekeeper.flaky.store.VerdictRow;
import io.gatekeeper.flaky.testing.DatabaseEngine;
import io.gatekeeper.flaky.testing.FreshDatabases;
import io.gatekeeper.flaky.testing.MutableClock;
import io.gatekeeper.gate.TierOutcomeJudge.Judgement;
import io.gatekeeper.gate.TierOutcomeJudge.Run;
import io.gatekeeper.git.InMemoryRepositoryStore;
import io.gatekeeper.queue.Event;
import io.gatekeeper.runner.tier.TierResult;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Burn-in in the judge step (docs/flakiness.md §6a), on a real store and real commits: after a tier passes,
 * the tests the candidate adds or modifies are re-run alone up to R times; the first failure fails the tier.
 */
class FlakyTierJudgeBurnInTest {
    static final String REPO = "shop";
    static final String TIER = "unit";
    static final String ADDS = "demo.CalcTest#adds";
    static final String SUBTRACTS = "demo.CalcTest#subtracts";
    static final String NEW = "demo.NewTest#works";
    static final String FLAKY = "demo.NetTest#fetches";
    static final String[] SUITE = {ADDS, SUBTRACTS, NEW, FLAKY};

    @RegisterExtension
    final FreshDatabases databases = new FreshDatabases();
    @TempDir
    Path tmp;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final AtomicLong runIds = new AtomicLong();
    final InMemoryRepositoryStore repos = new InMemoryRepositoryStore();
    TestResultStore store;
    TestRepository<Repository> git;
    RevCommit head;

    @BeforeEach
    void open() throws Exception {
        store = new TestResultStore(databases.create(DatabaseEngine.H2).jdbi(), ModelSettings.DEFAULT, clock);
        git = new TestRepository<>(repos.create(REPO, "main"));
        head = git.commit().add("src/test/java/demo/CalcTest.java", "class CalcTest { }")
                .add("src/test/java/demo/NetTest.java", "class NetTest { }").add("calc.txt", "ok")
                .add("src/main/java/demo/Calc.java", "class Calc { }").create();
    }

    FlakyTierJudge judge(int runs, int maxTests) {
        return judge(runs, maxTests, true);
    }

    FlakyTierJudge judge(int runs, int maxTests, boolean related) {
        TestSignals signals = new TestSignals(store, new TestOwners(repos, name -> Optional.empty()),
                new Webhooks(List.of()));
        return new FlakyTierJudge(store, ModelSettings.DEFAULT,
                new BurnInSettings(runs, maxTests, 0.036).withRelated(related), new GitChangedFiles(repos), signals,
                clock);
    }

    /** A candidate adding NewTest.java and modifying CalcTest.java (and a file that is not a test). */
    RevCommit testChange() throws Exception {
        return git.commit().parent(head).add("src/test/java/demo/NewTest.java", "class NewTest { }")
                .add("src/test/java/demo/CalcTest.java", "class CalcTest { int x; }").add("calc.txt", "ok!").create();
    }

    @Test
    void passedTier_burnsInTheChangedTests_andAFailureInRun2FailsItAsTheChanges() throws Exception {
        FlakyTierJudge judge = judge(3, 20);
        RevCommit c = testChange();
        Judgement first = judge.judge(run(c, 1, List.of(), passed(), all(SUITE)), passedEvent(1));

        assertThat(first.rerun()).isTrue();
        assertThat(first.rerunTests()).as("the new test first, then by id; the untouched NetTest is not burnt in")
                .containsExactly(NEW, ADDS, SUBTRACTS);
        assertThat(first.rerunEnv()).containsExactly(Map.entry("GATEKEEPER_RERUN_TESTS", NEW + "," + ADDS + ","
                + SUBTRACTS));
        assertThat(first.note()).isEqualTo("burn-in run 1 of 3 of 3 test(s) the change adds or modifies: "
                + NEW + ", " + ADDS + ", " + SUBTRACTS);

        Judgement second = judge.judge(run(c, 1, first.rerunTests(), passed(), all(NEW, ADDS, SUBTRACTS)),
                passedEvent(1));
        assertThat(second.rerunTests()).containsExactly(NEW, ADDS, SUBTRACTS);
        assertThat(second.note()).startsWith("burn-in run 2 of 3 of 3 test(s)");

        Judgement third = judge.judge(run(c, 1, second.rerunTests(), failed(), Reports.pass(ADDS),
                Reports.fail(NEW, "race"), Reports.pass(SUBTRACTS)), proposedFailure(1));

        assertThat(third.rerun()).isFalse();
        Event.TierFailed failed = (Event.TierFailed) third.event();
        assertThat(failed.failedTests()).containsExactly("NewTest.works");
        assertThat(failed.reason()).startsWith("tier unit failed burn-in run 2 of 3\n"
                + "`NewTest.works` failed burn-in run 2 of 3: the change made it flaky\nlog tail:");
        assertThat(failed.took()).as("the tier's run and both burn-in runs").isEqualTo(Duration.ofSeconds(3));
        List<VerdictRow> verdicts = store.verdicts(REPO, c.name());
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
            assertThat(v.pChangeCaused()).as("the change added the test").isEqualTo(1.0);
            assertThat(v.runs()).isEqualTo(3);
            assertThat(v.maxReruns()).isEqualTo(3);
        });
        List<ExecutionRow> history = store.history(REPO, TestId.parse(NEW), 10);
        assertThat(history).hasSize(3);
        assertThat(history.get(0)).satisfies(e -> {
            assertThat(e.outcome().failed()).isTrue();
            assertThat(e.attemptKind()).isEqualTo(Attempt.RERUN);
            assertThat(e.scope()).isEqualTo(Scope.ISOLATED);
            assertThat(e.attempt()).isEqualTo(3);
            assertThat(e.evidence()).as("blamed: the earlier passes on the same tree excuse nothing")
                    .isEqualTo(Evidence.NONE);
        });
        assertThat(store.test(REPO, TestId.parse(NEW)).orElseThrow().weightedFailures()).isZero();
    }

    @Test
    void everyBurnInRunPasses_thenTheTierPasses() throws Exception {
        FlakyTierJudge judge = judge(2, 20);
        RevCommit c = testChange();
        Judgement j = judge.judge(run(c, 2, List.of(), passed(), all(SUITE)), passedEvent(2));
        int burnInRuns = 0;
        while (j.rerun()) {
            burnInRuns++;
            j = judge.judge(run(c, 2, j.rerunTests(), passed(), all(NEW, ADDS, SUBTRACTS)), passedEvent(2));
        }

        assertThat(burnInRuns).isEqualTo(2);
        assertThat(j.event()).isInstanceOf(Event.TierPassed.class);
        assertThat(((Event.TierPassed) j.event()).took()).isEqualTo(Duration.ofSeconds(3));
        assertThat(j.note()).isEqualTo("burn-in: 3 test(s) the change adds or modifies passed 2 of 2 burn-in runs");
        assertThat(store.verdicts(REPO, c.name())).isEmpty();
        assertThat(store.history(REPO, TestId.parse(NEW), 10)).hasSize(3)
                .allSatisfy(e -> assertThat(e.outcome().failed()).isFalse());
    }

    @Test
    void tierIgnoringTheVariable_endsBurnIn_andTheNextCandidateSkipsIt_sayingSoInTheLog() throws Exception {
        FlakyTierJudge judge = judge(3, 20);
        RevCommit c = testChange();
        Judgement first = judge.judge(run(c, 3, List.of(), passed(), all(SUITE)), passedEvent(3));
        Judgement whole = judge.judge(run(c, 3, first.rerunTests(), failed(), Reports.pass(ADDS),
                Reports.pass(SUBTRACTS), Reports.pass(NEW), Reports.fail(FLAKY, "timeout")), proposedFailure(3));

        assertThat(whole.event()).as("only the burnt-in tests count").isInstanceOf(Event.TierPassed.class);
        assertThat(whole.note()).isEqualTo("the tier ignored GATEKEEPER_RERUN_TESTS and re-ran whole: asked for 3"
                + " test(s), 4 ran; burn-in stopped after run 1 of 3, which the tests the change adds or modifies"
                + " passed");

        RevCommit next = git.commit().parent(head).add("src/test/java/demo/CalcTest.java", "class CalcTest { }//")
                .create();
        Run nextRun = run(next, 4, List.of(), passed(), all(SUITE));
        Judgement skipped = judge.judge(nextRun, passedEvent(4));
        assertThat(skipped.rerun()).isFalse();
        assertThat(skipped.event()).isInstanceOf(Event.TierPassed.class);
        assertThat(Files.readString(nextRun.log())).startsWith("gatekeeper: burn-in skipped: tier unit ignored"
                + " GATEKEEPER_RERUN_TESTS and re-ran whole at ").contains("; 2 test(s) the change adds or modifies"
                + " were not burnt in");
    }

    @Test
    void testsWithFlakeHistory_areBurntInToo_afterTheOthers_upToTheCap_andTheLogSaysWhichAreLeftOut()
            throws Exception {
        seedFlakyHistory();
        FlakyTierJudge judge = judge(3, 3);
        RevCommit c = git.commit().parent(head).add("src/test/java/demo/NetTest.java", "class NetTest { int y; }")
                .add("src/test/java/demo/NewTest.java", "class NewTest { }")
                .add("src/test/java/demo/CalcTest.java", "class CalcTest { int x; }").create();
        Run first = run(c, 5, List.of(), passed(), all(SUITE));
        Judgement j = judge.judge(first, passedEvent(5));

        assertThat(j.rerunTests()).as("new first, then fewest runs: the flaky test ran 24 times, CalcTest's 20")
                .containsExactly(NEW, ADDS, SUBTRACTS);
        assertThat(Files.readString(first.log())).contains(
                "gatekeeper: burn-in skips `NetTest.fetches`: over the cap of tests burnt in per candidate");
        assertThat(judge(3, 4).judge(run(c, 6, List.of(), passed(), all(SUITE)), passedEvent(6)).rerunTests())
                .as("a test with flake history is burnt in when there is room").containsExactly(NEW, ADDS, SUBTRACTS,
                        FLAKY);
    }

    /** A change modifying only NetTest.java, whose test has flake history (4 innocent failures in 20 runs). */
    RevCommit flakyTestChange() throws Exception {
        seedFlakyHistory();
        return git.commit().parent(head).add("src/test/java/demo/NetTest.java", "class NetTest { int z; }").create();
    }

    @Test
    void testWithFlakeHistory_passingWithinItsRate_passesAndStopsEarly() throws Exception {
        FlakyTierJudge judge = judge(12, 20);
        RevCommit c = flakyTestChange();
        Judgement j = judge.judge(run(c, 11, List.of(), passed(), all(SUITE)), passedEvent(11));
        int burnInRuns = 0;
        while (j.rerun()) {
            burnInRuns++;
            assertThat(j.rerunTests()).containsExactly(FLAKY);
            j = judge.judge(run(c, 11, j.rerunTests(), burnInRuns == 2 ? failed() : passed(),
                    burnInRuns == 2 ? Reports.fail(FLAKY, "timeout") : Reports.pass(FLAKY)),
                    burnInRuns == 2 ? proposedFailure(11) : passedEvent(11));
        }

        assertThat(burnInRuns).as("one failure is within its rate; the sequential test decides before run 12")
                .isBetween(3, 11);
        assertThat(j.event()).isInstanceOf(Event.TierPassed.class);
        assertThat(j.note()).startsWith("burn-in: `NetTest.fetches` failed 1 of " + burnInRuns
                + " burn-in runs, within its rate 0.");
        assertThat(store.verdicts(REPO, c.name())).isEmpty();
    }

    @Test
    void testWithFlakeHistory_failingFarMoreOftenThanItsRate_failsTheTierAsTheChanges() throws Exception {
        FlakyTierJudge judge = judge(12, 20);
        RevCommit c = flakyTestChange();
        Judgement j = judge.judge(run(c, 12, List.of(), passed(), all(SUITE)), passedEvent(12));
        int burnInRuns = 0;
        while (j.rerun()) {
            burnInRuns++;
            j = judge.judge(run(c, 12, j.rerunTests(), failed(), Reports.fail(FLAKY, "timeout")),
                    proposedFailure(12));
        }

        assertThat(burnInRuns).as("a first failure is not enough for a flaky test").isBetween(2, 12);
        Event.TierFailed failed = (Event.TierFailed) j.event();
        assertThat(failed.failedTests()).containsExactly("NetTest.fetches");
        assertThat(failed.reason()).startsWith("tier unit failed burn-in run " + burnInRuns + " of 12\n"
                + "`NetTest.fetches` failed " + burnInRuns + " of " + burnInRuns + " burn-in runs, more often than its"
                + " rate 0.").contains(" allows (sequential test of ", "), P(change-caused) ",
                ": the change made it flakier\nlog tail:");
        int runs = burnInRuns;
        List<VerdictRow> verdicts = store.verdicts(REPO, c.name());
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
            assertThat(v.pChangeCaused()).isGreaterThan(0.5);
            assertThat(v.failures()).isEqualTo(runs);
            assertThat(v.runs()).isEqualTo(runs + 1);
        });
    }

    @Test
    void noBurnIn_withoutChangedTests_onATierThatOptsOut_orOnHead() throws Exception {
        FlakyTierJudge judge = judge(3, 20);
        RevCommit noTests = git.commit().parent(head).add("calc.txt", "changed").create();
        Event passed = passedEvent(6);
        assertThat(judge.judge(run(noTests, 6, List.of(), passed(), all(SUITE)), passed).event()).isSameAs(passed);

        RevCommit c = testChange();
        Run optedOut = withBurnIn(run(c, 7, List.of(), passed(), all(SUITE)), false, false);
        assertThat(judge.judge(optedOut, passed).rerun()).isFalse();
        Run verification = withBurnIn(run(c, 8, List.of(), passed(), all(SUITE)), true, true);
        assertThat(judge.judge(verification, passed).rerun()).isFalse();
        assertThat(judge(0, 20).judge(run(c, 9, List.of(), passed(), all(SUITE)), passed).rerun())
                .as("burnInRuns 0 turns it off").isFalse();
    }

    @Test
    void tierPassingAfterAFlakyFailureWasExcused_isBurntInToo() throws Exception {
        seedFlakyHistory();
        FlakyTierJudge judge = judge(3, 20);
        RevCommit c = testChange();
        Judgement first = judge.judge(run(c, 10, List.of(), failed(), Reports.pass(ADDS), Reports.pass(SUBTRACTS),
                Reports.pass(NEW), Reports.fail(FLAKY, "timeout")), proposedFailure(10));
        assertThat(first.rerunTests()).containsExactly(FLAKY);

        Judgement second = judge.judge(run(c, 10, first.rerunTests(), passed(), all(FLAKY)), passedEvent(10));

        assertThat(second.rerunTests()).containsExactly(NEW, ADDS, SUBTRACTS);
        assertThat(second.note()).startsWith("every failure judged not blocking: `NetTest.fetches` failed 1/2")
                .contains("; burn-in run 1 of 3 of 3 test(s) the change adds or modifies");
        assertThat(store.verdicts(REPO, c.name())).extracting(VerdictRow::decision).containsExactly(Decision.FLAKY);
    }

    /** A candidate changing only production code: src/main/java/demo/Calc.java, whose tests are CalcTest's. */
    RevCommit sourceChange() throws Exception {
        return git.commit().parent(head).add("src/main/java/demo/Calc.java", "class Calc { int race; }").create();
    }

    @Test
    void changeToASourceFileOnly_burnsInTheTestsNamedAfterIt_andAFailureIsTheChanges() throws Exception {
        FlakyTierJudge judge = judge(3, 20);
        RevCommit c = sourceChange();
        Run tierRun = run(c, 13, List.of(), passed(), all(SUITE));
        Judgement first = judge.judge(tierRun, passedEvent(13));

        assertThat(first.rerunTests()).as("CalcTest is named after Calc.java; NewTest and NetTest are not")
                .containsExactly(ADDS, SUBTRACTS);
        assertThat(first.note()).isEqualTo("burn-in run 1 of 3 of 2 test(s) related to a changed source file: "
                + ADDS + ", " + SUBTRACTS);
        assertThat(Files.readString(tierRun.log())).contains("gatekeeper: burn-in: " + ADDS + ", " + SUBTRACTS
                + " are related to the changed source file src/main/java/demo/Calc.java\n");

        Judgement second = judge.judge(run(c, 13, first.rerunTests(), passed(), all(ADDS, SUBTRACTS)),
                passedEvent(13));
        Judgement third = judge.judge(run(c, 13, second.rerunTests(), failed(), Reports.pass(SUBTRACTS),
                Reports.fail(ADDS, "race")), proposedFailure(13));

        Event.TierFailed failed = (Event.TierFailed) third.event();
        assertThat(failed.failedTests()).containsExactly("CalcTest.adds");
        assertThat(failed.reason()).startsWith("tier unit failed burn-in run 2 of 3\n`CalcTest.adds` (related to a"
                + " changed source file) failed burn-in run 2 of 3: the change made it flaky\nlog tail:");
        assertThat(store.verdicts(REPO, c.name())).singleElement().satisfies(v -> {
            assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
            assertThat(v.pChangeCaused()).as("as for a modified test: the change did not add it")
                    .isGreaterThan(0.5).isLessThan(1.0);
        });
    }

    @Test
    void relatedTests_comeAfterTheChangesOwnTestFiles_withinTheCap_andTheLogSaysWhichAreLeftOut() throws Exception {
        FlakyTierJudge judge = judge(2, 3);
        RevCommit c = git.commit().parent(head).add("src/main/java/demo/Calc.java", "class Calc { int x; }")
                .add("src/test/java/demo/NetTest.java", "class NetTest { int y; }")
                .add("src/test/java/demo/NewTest.java", "class NewTest { }").create();
        Run tierRun = run(c, 14, List.of(), passed(), all(SUITE));
        Judgement j = judge.judge(tierRun, passedEvent(14));

        assertThat(j.rerunTests()).as("added, then modified, then related; the cap leaves out a related test")
                .containsExactly(NEW, FLAKY, ADDS);
        assertThat(j.note()).isEqualTo("burn-in run 1 of 2 of 2 test(s) the change adds or modifies: " + NEW + ", "
                + FLAKY + ", and 1 test(s) related to a changed source file: " + ADDS);
        assertThat(Files.readString(tierRun.log())).contains("gatekeeper: burn-in skips `CalcTest.subtracts` (related"
                + " to a changed source file): over the cap of tests burnt in per candidate\n");
        while (j.rerun()) {
            j = judge.judge(run(c, 14, j.rerunTests(), passed(), all(NEW, FLAKY, ADDS)), passedEvent(14));
        }
        assertThat(j.event()).isInstanceOf(Event.TierPassed.class);
        assertThat(j.note()).isEqualTo("burn-in: 2 test(s) the change adds or modifies and 1 test(s) related to a"
                + " changed source file passed 2 of 2 burn-in runs");
    }

    @Test
    void relatedTestsSwitchedOff_aChangeToASourceFileOnlyIsNotBurntIn() throws Exception {
        RevCommit c = sourceChange();
        Event passed = passedEvent(15);

        Judgement j = judge(3, 20, false).judge(run(c, 15, List.of(), passed(), all(SUITE)), passed);

        assertThat(j.rerun()).isFalse();
        assertThat(j.event()).isSameAs(passed);
        assertThat(judge(3, 20, false).judge(run(testChange(), 16, List.of(), passed(), all(SUITE)), passedEvent(16))
                .rerunTests()).as("the change's own test files still are").containsExactly(NEW, ADDS, SUBTRACTS);
    }

    /** Head runs of {@link #FLAKY}: 4 failures in 20, each excused by a pass on the same tree. */
    void seedFlakyHistory() {
        HeadHistory.seed(store, clock, REPO, TIER, FLAKY, 20, 5, ADDS, SUBTRACTS);
    }

    static String[] all(String... tests) {
        return java.util.Arrays.stream(tests).map(Reports::pass).toArray(String[]::new);
    }

    Run run(RevCommit commit, long candidate, List<String> rerunTests, TierResult.Outcome outcome,
            String... testcases) {
        long id = runIds.incrementAndGet();
        clock.advance(Duration.ofSeconds(30));
        List<Path> reports = List.of(Reports.write(tmp.resolve("run-" + id), testcases));
        TierResult result = new TierResult(outcome, outcome == TierResult.Outcome.PASSED ? 0 : 1,
                "command exited with status " + (outcome == TierResult.Outcome.PASSED ? 0 : 1), reports,
                Duration.ofSeconds(1));
        return new Run(REPO, candidate, commit.name(), commit.getTree().name(), false, TIER, id, (int) id,
                rerunTests, result, false, "local", tmp.resolve("logs").resolve("run-" + id + ".log"), head.name(),
                true);
    }

    static Run withBurnIn(Run r, boolean burnIn, boolean onHead) {
        return new Run(r.repo(), r.candidate(), r.commit(), r.tree(), onHead, r.tier(), r.runId(), r.attempt(),
                r.rerunTests(), r.result(), r.reportError(), r.node(), r.log(), r.base(), burnIn);
    }

    static TierResult.Outcome failed() {
        return TierResult.Outcome.FAILED;
    }

    static TierResult.Outcome passed() {
        return TierResult.Outcome.PASSED;
    }

    static Event.TierPassed passedEvent(long candidate) {
        return new Event.TierPassed(candidate, TIER, Duration.ofSeconds(1));
    }

    static Event.TierFailed proposedFailure(long candidate) {
        return new Event.TierFailed(candidate, TIER, "tier unit failed: command exited with status 1; failing tests:"
                + " ...\nlog tail:\nFAILED", List.of(), Duration.ofSeconds(1));
    }
}
