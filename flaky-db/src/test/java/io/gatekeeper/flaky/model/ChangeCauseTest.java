package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Numbers worked by hand with rho = 1e-4, deterministic share d = 0.6, q ~ U(0,1). */
class ChangeCauseTest {

    private static final ModelSettings S = ModelSettings.DEFAULT;
    private static final double RHO = 1e-4;
    /** Two innocent failures, 18 passes, Jeffreys prior: Beta(2.5, 18.5). */
    private static final RatePosterior FLAKY = RatePosterior.of(0.5, 0.5, 2, 18);

    @Test
    void firstFailureOfFlakyTest_isAlmostSurelyTheFlake() {
        // Lf = E[p] = 2.5/21 ; Lc = d + (1-d) B(2,1) = 0.6 + 0.4 * 0.5 = 0.8
        double lf = 2.5 / 21;
        double expected = RHO * 0.8 / (RHO * 0.8 + (1 - RHO) * lf);
        assertThat(ChangeCause.probability(FLAKY, 1, 0, null, S)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(6.716e-4, within(1e-6));
    }

    @Test
    void failureOnRerun_raisesIt() {
        // Lf = E[p^2] = 2.5*3.5/(21*22) ; Lc = 0.6 + 0.4 B(3,1) = 0.6 + 0.4/3
        double lf = 8.75 / 462;
        double lc = 0.6 + 0.4 / 3;
        double expected = RHO * lc / (RHO * lc + (1 - RHO) * lf);
        assertThat(ChangeCause.probability(FLAKY, 2, 0, null, S)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(0.003857, within(1e-5));
    }

    @Test
    void passOnRerun_rulesOutDeterministicBreakage() {
        // Lf = E[p(1-p)] = 2.5*18.5/462 ; Lc = 0.4 B(2,2) = 0.4/6
        double lf = 46.25 / 462;
        double lc = 0.4 / 6;
        double expected = RHO * lc / (RHO * lc + (1 - RHO) * lf);
        assertThat(ChangeCause.probability(FLAKY, 1, 1, null, S)).isCloseTo(expected, within(1e-14));
    }

    @Test
    void knownFingerprint_pointsAtTheFlake() {
        double expected = RHO * 0.8 * 0.1 / (RHO * 0.8 * 0.1 + (1 - RHO) * (2.5 / 21) * 0.9);
        assertThat(ChangeCause.probability(FLAKY, 1, 0, true, S)).isCloseTo(expected, within(1e-14));
        double unknown = RHO * 0.8 * 0.9 / (RHO * 0.8 * 0.9 + (1 - RHO) * (2.5 / 21) * 0.1);
        assertThat(ChangeCause.probability(FLAKY, 1, 0, false, S)).isCloseTo(unknown, within(1e-14));
    }

    @Test
    void firstFailureOfStableTest_pointsAtTheChange() {
        // Uniform prior, 99 clean runs: Beta(1, 100). P(clean | flaky) = B(1,100)/B(1,1) = 1/100.
        // P(flaky at all) = 0.036 * 0.01 / (0.036 * 0.01 + 0.964) ; then E[p] = 1/101.
        ModelSettings uniform = S.withPrior(1, 1);
        RatePosterior stable = RatePosterior.of(1, 1, 0, 99);
        double flakyAtAll = 0.00036 / (0.00036 + 0.964);
        assertThat(ChangeCause.flakyAtAll(stable, uniform)).isCloseTo(flakyAtAll, within(1e-14));
        double lf = flakyAtAll / 101;
        double expected = RHO * 0.8 / (RHO * 0.8 + (1 - RHO) * lf);
        assertThat(ChangeCause.probability(stable, 1, 0, null, uniform)).isCloseTo(expected, within(1e-12));
        assertThat(expected).isCloseTo(0.9558, within(1e-4));
    }

    @Test
    void failuresBelowTheEvidenceThreshold_areForgotten() {
        RatePosterior faded = RatePosterior.of(0.5, 0.5, 0.1, 99);
        assertThat(ChangeCause.hasHistory(faded, S)).isFalse();
        assertThat(ChangeCause.probability(faded, 1, 0, null, S))
                .isEqualTo(ChangeCause.probability(faded.withoutFailures(), 1, 0, null, S));
    }
}
