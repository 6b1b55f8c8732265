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

    @Test
    void number_keepsSmallRatesReadable() {
        assertThat(FlakeJudge.number(0.1238)).isEqualTo("0.12");
        assertThat(FlakeJudge.number(0.0712)).isEqualTo("0.071");
        assertThat(FlakeJudge.number(0.08)).isEqualTo("0.08");
        assertThat(FlakeJudge.number(0.000712)).isEqualTo("0.00071");
        assertThat(FlakeJudge.number(0)).isEqualTo("0.00");
    }
}
