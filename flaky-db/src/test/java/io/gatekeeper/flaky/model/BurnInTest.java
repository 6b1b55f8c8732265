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
    private final BurnIn burnIn = new BurnIn(M, new BurnInSettings(10, 2, 0.036));

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
}
