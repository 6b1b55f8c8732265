package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gatekeeper.flaky.model.BurnInRule.Status;
import org.junit.jupiter.api.Test;

class RateShiftSprtTest {

    /** H0: 0.10, H1: 0.25, alpha 1e-3, beta 0.1. */
    private final RateShiftSprt sprt = new RateShiftSprt(0.10, 0.25, 1e-3, 0.1);

    @Test
    void boundariesAndIncrements_areWaldsForTheGivenRates() {
        assertThat(sprt.upperBoundary()).as("A = ln(0.9/0.001) = ln 900").isCloseTo(6.802395, within(1e-6));
        assertThat(sprt.lowerBoundary()).as("B = ln(0.1/0.999)").isCloseTo(-2.301585, within(1e-6));
        assertThat(sprt.failureIncrement()).as("ln(0.25/0.10)").isCloseTo(0.916291, within(1e-6));
        assertThat(sprt.passIncrement()).as("ln(0.75/0.90)").isCloseTo(-0.182322, within(1e-6));
        assertThat(sprt.logLikelihoodRatio(8, 3)).isCloseTo(6.783361, within(1e-6));
    }

    @Test
    void blamesTheChange_onlyWhenFailuresComeClearlyMoreOftenThanTheRate() {
        assertThat(sprt.judge(7, 0)).as("7 x 0.916 = 6.41 < A").isEqualTo(Status.CONTINUE);
        assertThat(sprt.judge(8, 0)).as("8 x 0.916 = 7.33 >= A").isEqualTo(Status.CHANGE_CAUSED);
        assertThat(sprt.judge(8, 2)).as("7.33 - 0.36 = 6.97").isEqualTo(Status.CHANGE_CAUSED);
        assertThat(sprt.judge(8, 3)).as("7.33 - 0.55 = 6.78").isEqualTo(Status.CONTINUE);
    }

    @Test
    void passesEnoughClean_runsToBeWithinItsRate() {
        assertThat(sprt.judge(0, 12)).as("-2.19 > B").isEqualTo(Status.CONTINUE);
        assertThat(sprt.judge(0, 13)).as("-2.37 <= B").isEqualTo(Status.WITHIN_RATE);
        assertThat(sprt.judge(1, 18)).as("0.92 - 3.28 = -2.37").isEqualTo(Status.WITHIN_RATE);
    }

    @Test
    void against_takesTwiceTheRateOrTheRatePlusTheShift_atMostHalfWayToOne() {
        BurnInSettings s = new BurnInSettings(15, 20, 0.036, 1e-3, 0.1, 0.15);
        assertThat(RateShiftSprt.against(0.02, s).p1()).as("0.02 + 0.15").isCloseTo(0.17, within(1e-12));
        assertThat(RateShiftSprt.against(0.30, s).p1()).as("2 x 0.30").isCloseTo(0.60, within(1e-12));
        assertThat(RateShiftSprt.against(0.60, s).p1()).as("(1 + 0.6) / 2").isCloseTo(0.80, within(1e-12));
        assertThat(RateShiftSprt.against(0.02, s).upperBoundary()).isCloseTo(Math.log(900), within(1e-12));
    }

    @Test
    void refusesRatesThatDoNotMakeATest() {
        assertThatThrownBy(() -> new RateShiftSprt(0.3, 0.2, 1e-3, 0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p0=0.3, p1=0.2");
    }
}
