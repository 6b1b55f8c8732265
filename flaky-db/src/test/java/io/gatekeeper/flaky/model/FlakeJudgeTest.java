package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlakeJudgeTest {

    private static final TestId FOO = new TestId("org.example.FooTest", "bar");
    private final FlakeJudge judge = new FlakeJudge(ModelSettings.DEFAULT);

    /** 12 innocent failures in 100 runs: mean 0.12 (Jeffreys 12.5 / 101 = 0.1238). */
    private static final RatePosterior MEASURED = RatePosterior.of(0.5, 0.5, 12, 88);
    private static final RatePosterior STABLE = RatePosterior.of(0.5, 0.5, 0, 500);

    private static FailedTest failed(RatePosterior rate, String fingerprint, Set<String> known) {
        return new FailedTest(FOO, rate, fingerprint, known, List.of(), TestState.STABLE);
    }

    @Test
    void noFlakeHistory_blamesTheChangeAtOnceWithoutRerun() {
        Verdict v = judge.judge(failed(STABLE, "fp1", Set.of()));
        assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
        assertThat(v.maxReruns()).isZero();
        assertThat(v.rerunsLeft()).isZero();
        assertThat(v.pChangeCaused()).isGreaterThan(0.9);
        assertThat(v.text()).isEqualTo("`FooTest.bar` failed 1/1, no flake history, judged caused by the change");
    }

    @Test
    void measuredRate_rerunsOnlyUpToItsBudget() {
        Verdict first = judge.judge(failed(MEASURED, "fp1", Set.of("fp1")));
        // One-sided upper bound of Beta(12.5, 88.5) is 0.181: 0.181^4 = 1.08e-3 is not below 1e-3, so k = 5.
        assertThat(MEASURED.upperBound()).isBetween(0.18, 0.182);
        int k = RerunBudget.reruns(MEASURED.upperBound(), ModelSettings.DEFAULT);
        assertThat(k).isEqualTo(5);
        assertThat(first.decision()).isEqualTo(Decision.RERUN);
        assertThat(first.maxReruns()).isEqualTo(k);
        assertThat(first.rerunsLeft()).isEqualTo(k);
        assertThat(first.text()).startsWith("`FooTest.bar` failed 1/1, rate 0.12 [").endsWith("re-running (up to " + k + ")");
    }

    @Test
    void passWithKnownFingerprint_isJudgedFlakyAtOnce() {
        FailedTest t = failed(MEASURED, "fp1", Set.of("fp1")).withRerun(RerunResult.fail("fp1")).withRerun(RerunResult.pass());
        Verdict v = judge.judge(t);
        assertThat(v.decision()).isEqualTo(Decision.FLAKY);
        assertThat(v.decision().blocks()).isFalse();
        assertThat(v.failures()).isEqualTo(2);
        assertThat(v.runs()).isEqualTo(3);
        assertThat(v.pChangeCaused()).isLessThan(0.01);
        assertThat(v.text()).isEqualTo("`FooTest.bar` failed 2/3, rate 0.12 [" + FlakeJudge.number(MEASURED.lower())
                + ", " + FlakeJudge.number(MEASURED.upper()) + "], judged flaky");
        assertThat(MEASURED.lower()).isBetween(0.06, 0.08);
        assertThat(MEASURED.upper()).isBetween(0.18, 0.21);
    }

    @Test
    void failureAfterFailure_blamesTheChangeWhenBudgetIsSpent() {
        int k = RerunBudget.reruns(MEASURED.upperBound(), ModelSettings.DEFAULT);
        FailedTest t = failed(MEASURED, "fp1", Set.of("fp1"));
        for (int i = 0; i < k - 1; i++) {
            t = t.withRerun(RerunResult.fail("fp1"));
            assertThat(judge.judge(t).decision()).isEqualTo(Decision.RERUN);
        }
        Verdict v = judge.judge(t.withRerun(RerunResult.fail("fp1")));
        assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
        assertThat(v.failures()).isEqualTo(k + 1);
        assertThat(v.text()).endsWith("failed " + (k + 1) + "/" + (k + 1) + ", rate 0.12 ["
                + FlakeJudge.number(MEASURED.lower()) + ", " + FlakeJudge.number(MEASURED.upper()) + "], judged caused by the change");
    }

    @Test
    void passWithNewFingerprint_goesToTheMoreProbableCause() {
        // Rare flake (1 in 2000) failing a new way: with a change prior of 1e-2 the change is more probable.
        RatePosterior rare = RatePosterior.of(0.5, 0.5, 1, 2000);
        ModelSettings suspicious = ModelSettings.DEFAULT.withChangePrior(1e-2);
        FailedTest t = failed(rare, "new", Set.of("old")).withRerun(RerunResult.pass());
        Verdict blamed = new FlakeJudge(suspicious).judge(t);
        assertThat(blamed.decision()).isEqualTo(Decision.CHANGE_CAUSED);
        assertThat(blamed.pChangeCaused()).isGreaterThan(0.5);
        assertThat(blamed.fingerprintKnown()).isFalse();
        Verdict excused = judge.judge(t);
        assertThat(excused.decision()).isEqualTo(Decision.FLAKY);
        assertThat(excused.pChangeCaused()).isLessThan(0.5);
    }

    @Test
    void quarantinedOrBrokenTests_neverBlock() {
        FailedTest q = new FailedTest(FOO, STABLE, "fp", Set.of(), List.of(), TestState.QUARANTINED);
        assertThat(judge.judge(q).decision()).isEqualTo(Decision.QUARANTINED);
        FailedTest b = new FailedTest(FOO, STABLE, "fp", Set.of(), List.of(), TestState.BROKEN);
        assertThat(judge.judge(b).decision()).isEqualTo(Decision.BROKEN_ON_HEAD);
        assertThat(judge.judge(b).decision().blocks()).isFalse();
    }

    /** 20 innocent failures in 100 runs: quarantined (one-sided lower bound above 0.10). */
    private static final RatePosterior QUARANTINED_RATE = RatePosterior.of(0.5, 0.5, 20, 80);

    private static FailedTest quarantined(RatePosterior rate, String fingerprint, boolean byHand) {
        return new FailedTest(FOO, rate, fingerprint, Set.of("timeout"), List.of(), TestState.QUARANTINED, byHand);
    }

    @Test
    void quarantinedForItsRate_failingItsKnownWay_isNotRerun() {
        Verdict v = judge.judge(quarantined(QUARANTINED_RATE, "timeout", false));
        assertThat(v.decision()).isEqualTo(Decision.QUARANTINED);
        assertThat(v.runs()).isEqualTo(1);
    }

    @Test
    void quarantinedForItsRate_failingANewWay_isRerunUntilAPass() {
        // One-sided upper bound of Beta(20.5, 80.5) is about 0.27: 0.27^5 = 1.4e-3 is not below 1e-3, 0.27^6 =
        // 3.9e-4 is, so k = 6 — beyond the cap of 5 for tests not quarantined, within the quarantine cap of 20.
        assertThat(QUARANTINED_RATE.upperBound()).isBetween(0.26, 0.28);
        assertThat(RerunBudget.reruns(QUARANTINED_RATE.upperBound(), 1e-3, 20)).isEqualTo(6);
        FailedTest t = quarantined(QUARANTINED_RATE, "npe-in-parser", false);
        Verdict first = judge.judge(t);
        assertThat(first.decision()).isEqualTo(Decision.RERUN);
        assertThat(first.maxReruns()).isEqualTo(6);
        assertThat(first.text()).endsWith("re-running (up to 6): quarantined, but it failed a new way");
        Verdict passed = judge.judge(t.withRerun(RerunResult.fail("npe-in-parser")).withRerun(RerunResult.pass()));
        assertThat(passed.decision()).isEqualTo(Decision.QUARANTINED);
        assertThat(passed.decision().blocks()).isFalse();
        assertThat(passed.text()).contains("failed 2/3");
    }

    @Test
    void quarantinedForItsRate_failingANewWayAndEveryRerun_isTheChange() {
        FailedTest t = quarantined(QUARANTINED_RATE, "npe-in-parser", false);
        for (int i = 0; i < 5; i++) {
            t = t.withRerun(RerunResult.fail("npe-in-parser"));
            assertThat(judge.judge(t).decision()).isEqualTo(Decision.RERUN);
        }
        Verdict v = judge.judge(t.withRerun(RerunResult.fail("npe-in-parser")));
        assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
        assertThat(v.text()).isEqualTo("`FooTest.bar` failed 7/7, rate 0.20 [0.13, 0.29], judged caused by the"
                + " change: quarantined, but it failed a new way and then every re-run, which its rate explains with"
                + " probability below 0.001");
    }

    @Test
    void quarantinedByHand_orTooFlakyToTell_neverBlocks() {
        assertThat(judge.judge(quarantined(QUARANTINED_RATE, "npe-in-parser", true)).decision())
                .isEqualTo(Decision.QUARANTINED);
        // 70 in 100: the upper bound is about 0.77, and 0.77^20 = 5e-3 is above the risk: 20 re-runs cannot tell.
        RatePosterior veryFlaky = RatePosterior.of(0.5, 0.5, 70, 30);
        assertThat(veryFlaky.upperBound()).isBetween(0.75, 0.79);
        Verdict v = judge.judge(quarantined(veryFlaky, "npe-in-parser", false));
        assertThat(v.decision()).isEqualTo(Decision.QUARANTINED);
        assertThat(v.runs()).isEqualTo(1);
        ModelSettings noConfirmation = new ModelSettings(0.25, 2.5, 0.036, java.time.Duration.ofDays(30), 0.25,
                1e-3, 5, 1e-4, 0.6, 0.9, 0.1, 0.10, 10, 0.01, 3, 0);
        assertThat(new FlakeJudge(noConfirmation).judge(quarantined(QUARANTINED_RATE, "npe-in-parser", false))
                .decision()).isEqualTo(Decision.QUARANTINED);
    }

    @Test
    void number_keepsSmallRatesReadable() {
        assertThat(FlakeJudge.number(0.1238)).isEqualTo("0.12");
        assertThat(FlakeJudge.number(0.0712)).isEqualTo("0.071");
        assertThat(FlakeJudge.number(0.08)).isEqualTo("0.08");
        assertThat(FlakeJudge.number(0.000712)).isEqualTo("0.00071");
        assertThat(FlakeJudge.number(0)).isEqualTo("0.00");
    }
}
