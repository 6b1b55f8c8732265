package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gatekeeper.flaky.model.BurnIn.Candidate;
import io.gatekeeper.flaky.model.BurnIn.Skip;
import java.util.List;
import org.junit.jupiter.api.Test;

class BurnInTest {

    private static final ModelSettings M = ModelSettings.DEFAULT;
    /** The tier's own run passed once, nothing else known: Beta(0.25, 3.5). */
    private static final RatePosterior ONE_PASS = RatePosterior.of(0.25, 2.5, 0, 1);
    private final BurnIn burnIn = new BurnIn(M, new BurnInSettings(10, 2, 0.036, 1e-3, 0.1, 0.15));

    private static Candidate test(String name, boolean added, RatePosterior rate, TestState state) {
        return new Candidate(new TestId("a.FooTest", name), added, rate, state);
    }

    @Test
    void plan_burnsInNewStableAndFlakyTests_newFirstThenFewestRuns_upToTheCap() {
        Candidate stableLong = test("long", false, RatePosterior.of(0.25, 2.5, 0, 400), TestState.STABLE);
        Candidate stableShort = test("short", false, RatePosterior.of(0.25, 2.5, 0, 30), TestState.STABLE);
        Candidate added = test("added", true, ONE_PASS, TestState.STABLE);
        Candidate flaky = test("flaky", false, RatePosterior.of(0.25, 2.5, 3, 40), TestState.FLAKY);
        Candidate quarantined = test("q", false, RatePosterior.of(0.25, 2.5, 9, 30), TestState.QUARANTINED);
        Candidate broken = test("b", false, ONE_PASS, TestState.BROKEN);

        BurnIn.Plan plan = burnIn.plan(List.of(stableLong, flaky, quarantined, stableShort, broken, added));

        assertThat(plan.tests()).containsExactly(added, stableShort);
        assertThat(plan.skipped()).extracting(s -> s.test().name() + " " + s.why()).containsExactlyInAnyOrder(
                "flaky " + Skip.OVER_CAP, "q " + Skip.QUARANTINED, "b " + Skip.BROKEN,
                "long " + Skip.OVER_CAP);
        assertThat(new BurnIn(M, new BurnInSettings(10, 3, 0.036)).plan(List.of(stableLong, flaky)).tests())
                .as("a test with flake history is burnt in too, after the ones with fewer runs")
                .containsExactly(flaky, stableLong);
    }

    @Test
    void plan_putsRelatedTestsAfterTheChangesOwnTestFiles_evenWithFewerRuns_andTheCapCutsThemFirst() {
        Candidate modified = test("modified", false, RatePosterior.of(0.25, 2.5, 0, 400), TestState.STABLE);
        Candidate added = test("added", true, ONE_PASS, TestState.STABLE);
        Candidate relatedNew = related("relatedNew", ONE_PASS, TestState.STABLE);
        Candidate relatedOld = related("relatedOld", RatePosterior.of(0.25, 2.5, 0, 50), TestState.STABLE);
        Candidate relatedQuarantined = related("relatedQ", RatePosterior.of(0.25, 2.5, 9, 30), TestState.QUARANTINED);
        List<Candidate> all = List.of(relatedOld, relatedQuarantined, relatedNew, modified, added);

        assertThat(new BurnIn(M, new BurnInSettings(10, 4, 0.036)).plan(all).tests())
                .containsExactly(added, modified, relatedNew, relatedOld);
        BurnIn.Plan capped = new BurnIn(M, new BurnInSettings(10, 3, 0.036)).plan(all);
        assertThat(capped.tests()).containsExactly(added, modified, relatedNew);
        assertThat(capped.skipped()).extracting(s -> s.test().name() + " " + s.why()).containsExactlyInAnyOrder(
                "relatedQ " + Skip.QUARANTINED, "relatedOld " + Skip.OVER_CAP);
    }

    @Test
    void failureOfARelatedTest_isJudgedAsAModifiedTests_andItsVerdictSaysWhyItWasBurntIn() {
        Candidate related = related("works", ONE_PASS, TestState.STABLE);
        Verdict v = burnIn.failed(related, 2);

        assertThat(v.pChangeCaused()).isEqualTo(burnIn.pChangeCaused(test("works", false, ONE_PASS,
                TestState.STABLE), 1)).isLessThan(1.0);
        assertThat(burnIn.rule(related)).isSameAs(FirstFailureRule.INSTANCE);
        assertThat(burnIn.rule(related("flaky", FLAKY, TestState.FLAKY))).isInstanceOf(RateShiftSprt.class);
        assertThat(v.text()).isEqualTo("`FooTest.works` (related to a changed source file) failed burn-in run 2 of 10:"
                + " the change made it flaky");
    }

    private static Candidate related(String name, RatePosterior rate, TestState state) {
        return new Candidate(new TestId("a.FooTest", name), ChangedTests.Touch.RELATED, rate, state);
    }

    @Test
    void failureOfAnAddedTest_isTheChangesByDefinition() {
        Verdict v = burnIn.failed(test("added", true, ONE_PASS, TestState.STABLE), 3);

        assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
        assertThat(v.pChangeCaused()).isEqualTo(1.0);
        assertThat(v.failures()).isEqualTo(1);
        assertThat(v.runs()).as("the tier's run and three burn-in runs").isEqualTo(4);
        assertThat(v.maxReruns()).isEqualTo(10);
        assertThat(v.text()).isEqualTo("`FooTest.added` failed burn-in run 3 of 10: the change made it flaky");
    }

    @Test
    void failureOfAModifiedTest_hasAHandComputedProbability() {
        // Beta(0.25, 3.5) after the tier's pass. Flaky at all: c = B(0.25, 3.5)/B(0.25, 2.5) = 2.5/2.75,
        // phi' = 0.036c / (0.036c + 0.964) = 0.0328347; E[p] under Beta(0.25, 3.5) = 0.25/3.75, so
        // Lf = phi' * 0.25/3.75 = 0.00218898. Change: q ~ Beta(1, 2) after the pass, Lc = B(2, 2)/B(1, 2) = 1/3.
        // P = 0.036/3 / (0.036/3 + 0.964 * 0.00218898) = 0.85045.
        double c = 2.5 / 2.75;
        double phi = 0.036 * c / (0.036 * c + 0.964);
        double lf = phi * 0.25 / 3.75;
        double expected = (0.036 / 3) / (0.036 / 3 + 0.964 * lf);
        assertThat(expected).isCloseTo(0.85045, within(1e-5));

        Verdict v = burnIn.failed(test("modified", false, ONE_PASS, TestState.STABLE), 1);

        assertThat(v.pChangeCaused()).isCloseTo(expected, within(1e-9));
        assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
    }

    @Test
    void failureOfALongStableTest_pointsAtTheChange_evenLateInTheBurnIn() {
        Candidate stable = test("stable", false, RatePosterior.of(0.25, 2.5, 0, 500), TestState.STABLE);
        assertThat(burnIn.pChangeCaused(stable, 0)).isGreaterThan(0.99);
        assertThat(burnIn.pChangeCaused(stable, 9)).as("a later failure is more like rare flakiness")
                .isLessThan(burnIn.pChangeCaused(stable, 0)).isGreaterThan(0.9);
    }

    /** 2 innocent failures in 20 runs: Beta(2.25, 20.5), flake history. */
    private static final RatePosterior FLAKY = RatePosterior.of(0.25, 2.5, 2, 18);

    @Test
    void testWithFlakeHistory_isJudgedByItsRate_notByAFirstFailure() {
        Candidate flaky = test("flaky", false, FLAKY, TestState.FLAKY);
        BurnInRule rule = burnIn.rule(flaky);
        assertThat(rule).isInstanceOf(RateShiftSprt.class);
        RateShiftSprt sprt = (RateShiftSprt) rule;
        assertThat(sprt.p0()).as("the one-sided 95% upper bound of its rate").isEqualTo(FLAKY.upperBound())
                .isCloseTo(0.2163, within(1e-4));
        assertThat(sprt.p1()).isCloseTo(Math.max(2 * sprt.p0(), sprt.p0() + 0.15), within(1e-12));
        assertThat(burnIn.rule(test("new", true, ONE_PASS, TestState.STABLE))).isSameAs(FirstFailureRule.INSTANCE);

        BurnIn.Progress within = BurnIn.Progress.start(flaky);
        for (int run = 1; run <= 30 && burnIn.judge(within) == BurnInRule.Status.CONTINUE; run++) {
            within = within.after(run == 3);
        }
        assertThat(burnIn.judge(within)).as("one failure in many runs is its rate").isEqualTo(BurnInRule.Status.WITHIN_RATE);
        assertThat(burnIn.withinRate(within)).startsWith("`FooTest.flaky` failed 1 of ")
                .endsWith(" burn-in runs, within its rate 0.099 [0.015, 0.25]");
    }

    @Test
    void testWithFlakeHistory_failingFarMoreOften_isTheChanges_withTheNumbersInTheVerdict() {
        Candidate flaky = test("flaky", false, FLAKY, TestState.FLAKY);
        // p0 = 0.2163 (upper bound of Beta(2.25, 20.5)), p1 = 0.4326: a failure adds ln 2 = 0.693, a pass -0.323;
        // 11 failures and 2 passes give 7.62 - 0.65 = 6.98 >= ln 900 = 6.80; 10 and 3 give 5.96.
        assertThat(burnIn.judge(new BurnIn.Progress(flaky, 10, 3))).isEqualTo(BurnInRule.Status.CONTINUE);
        BurnIn.Progress p = new BurnIn.Progress(flaky, 11, 2);
        assertThat(burnIn.judge(p)).isEqualTo(BurnInRule.Status.CHANGE_CAUSED);

        Verdict v = burnIn.changeCaused(p, 13);

        assertThat(v.decision()).isEqualTo(Decision.CHANGE_CAUSED);
        assertThat(v.failures()).isEqualTo(11);
        assertThat(v.runs()).as("the tier's run and 13 burn-in runs").isEqualTo(14);
        assertThat(v.hasHistory()).isTrue();
        assertThat(v.pChangeCaused()).isEqualTo(burnIn.pRateShift(flaky, 11, 2)).isGreaterThan(0.99);
        RateShiftSprt sprt = (RateShiftSprt) burnIn.rule(flaky);
        assertThat(v.text()).isEqualTo("`FooTest.flaky` failed 11 of 13 burn-in runs, more often than its rate 0.099"
                + " [0.015, 0.25] allows (sequential test of " + FlakeJudge.number(sprt.p0()) + " against "
                + FlakeJudge.number(sprt.p1()) + "), P(change-caused) " + FlakeJudge.number(v.pChangeCaused())
                + ": the change made it flakier");
    }

    @Test
    void pRateShift_hasAHandComputedValue() {
        // 3 failures, 1 pass. Change: rate ~ U(0, 1), Lc = B(4, 2) = 3! 1! / 5! = 0.05. Flaky at Beta(2.25, 20.5):
        // Lf = 2.25 * 3.25 * 4.25 * 20.5 / (22.75 * 23.75 * 24.75 * 25.75) = 0.00185017.
        // P = 0.036 * 0.05 / (0.036 * 0.05 + 0.964 * 0.00185017) = 0.50229.
        double lf = 2.25 * 3.25 * 4.25 * 20.5 / (22.75 * 23.75 * 24.75 * 25.75);
        double expected = 0.036 * 0.05 / (0.036 * 0.05 + 0.964 * lf);
        assertThat(expected).isCloseTo(0.50229, within(1e-5));

        assertThat(burnIn.pRateShift(test("flaky", false, FLAKY, TestState.FLAKY), 3, 1)).isCloseTo(expected, within(1e-9));
    }
}
