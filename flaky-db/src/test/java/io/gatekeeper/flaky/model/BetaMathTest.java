package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BetaMathTest {

    @Test
    void logGamma_matchesFactorialAndSqrtPi() {
        assertThat(BetaMath.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
        assertThat(BetaMath.logGamma(0.5)).isCloseTo(0.5 * Math.log(Math.PI), within(1e-12));
        assertThat(BetaMath.logGamma(0.1)).isCloseTo(2.252712651734206, within(1e-12));
    }

    @Test
    void regularizedBeta_matchesClosedForms() {
        // I_x(1, b) = 1 - (1-x)^b ; I_x(a, 1) = x^a ; I_x(2, 2) = 3x^2 - 2x^3
        assertThat(BetaMath.regularizedBeta(0.1, 1, 10)).isCloseTo(1 - Math.pow(0.9, 10), within(1e-12));
        assertThat(BetaMath.regularizedBeta(0.7, 3, 1)).isCloseTo(0.343, within(1e-12));
        assertThat(BetaMath.regularizedBeta(0.3, 2, 2)).isCloseTo(0.216, within(1e-12));
        assertThat(BetaMath.regularizedBeta(0.5, 7.5, 7.5)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void inverse_recoversClosedFormQuantiles() {
        // Beta(1, 101): q(0.95) = 1 - 0.05^(1/101) = 0.029226...
        assertThat(BetaMath.inverseRegularizedBeta(0.95, 1, 101)).isCloseTo(1 - Math.pow(0.05, 1.0 / 101), within(1e-12));
        // Beta(2, 2): 3x^2 - 2x^3 = 0.975 at x = 0.90570...
        double x = BetaMath.inverseRegularizedBeta(0.975, 2, 2);
        assertThat(3 * x * x - 2 * x * x * x).isCloseTo(0.975, within(1e-12));
        assertThat(x).isCloseTo(0.9057, within(1e-4));
    }

    @Test
    void largeCounts_stayAccurate() {
        // Beta(1, 100001): q = 1 - (1-p)^(1/100001); the continued fraction must converge this far out.
        assertThat(BetaMath.inverseRegularizedBeta(0.95, 1, 100_001))
                .isCloseTo(-Math.expm1(Math.log(0.05) / 100_001), within(1e-12));
    }
}
