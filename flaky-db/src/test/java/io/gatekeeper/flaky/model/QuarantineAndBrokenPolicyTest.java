package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeeper.flaky.model.QuarantinePolicy.Change;
import org.junit.jupiter.api.Test;

class QuarantineAndBrokenPolicyTest {

    private final QuarantinePolicy quarantine = new QuarantinePolicy(ModelSettings.DEFAULT);

    @Test
    void confidentlyFlakyTest_isQuarantined() {
        // Beta(5.5, 10.5): mean 0.34, one-sided lower bound ~0.17 > 0.10
        RatePosterior rate = RatePosterior.of(0.5, 0.5, 5, 10);
        assertThat(rate.lowerBound()).isGreaterThan(0.10);
        assertThat(quarantine.evaluate(rate, false, false)).isEqualTo(Change.QUARANTINE);
        assertThat(quarantine.reason(Change.QUARANTINE, rate))
                .isEqualTo("quarantined automatically: rate lower bound " + FlakeJudge.number(rate.lowerBound()) + " above 0.10");
    }

    @Test
    void unluckyButUncertainTest_isNotQuarantined() {
        // 1 failure in 3 runs: mean 0.375 but the lower bound is far below 0.10
        RatePosterior rate = RatePosterior.of(0.5, 0.5, 1, 2);
        assertThat(rate.mean()).isGreaterThan(0.10);
        assertThat(quarantine.evaluate(rate, false, false)).isEqualTo(Change.KEEP);
    }

    @Test
    void fiveCleanRuns_proveNothing_threeHundredDo() {
        assertThat(quarantine.evaluate(RatePosterior.of(0.5, 0.5, 0, 5), true, false)).isEqualTo(Change.KEEP);
        assertThat(quarantine.evaluate(RatePosterior.of(0.5, 0.5, 0, 100), true, false)).isEqualTo(Change.KEEP);
        RatePosterior clean = RatePosterior.of(0.5, 0.5, 0, 300);
        assertThat(clean.upperBound()).isLessThan(0.01);
        assertThat(quarantine.evaluate(clean, true, false)).isEqualTo(Change.RELEASE);
    }

    @Test
    void quarantineByHand_isReleasedOnlyByHand() {
        assertThat(quarantine.evaluate(RatePosterior.of(0.5, 0.5, 0, 5000), true, true)).isEqualTo(Change.KEEP);
    }

    @Test
    void brokenAfterThreeHeadFailuresInARow_untilAPass() {
        BrokenPolicy broken = new BrokenPolicy(ModelSettings.DEFAULT);
        int streak = 0;
        streak = BrokenPolicy.streak(streak, Outcome.FAIL);
        streak = BrokenPolicy.streak(streak, Outcome.ERROR);
        assertThat(broken.broken(streak)).isFalse();
        streak = BrokenPolicy.streak(streak, Outcome.SKIP);
        streak = BrokenPolicy.streak(streak, Outcome.FAIL);
        assertThat(streak).isEqualTo(3);
        assertThat(broken.broken(streak)).isTrue();
        assertThat(broken.broken(BrokenPolicy.streak(streak, Outcome.PASS))).isFalse();
    }

    @Test
    void state_mostSevereWins() {
        assertThat(TestState.of(true, true, true)).isEqualTo(TestState.QUARANTINED);
        assertThat(TestState.of(false, true, true)).isEqualTo(TestState.BROKEN);
        assertThat(TestState.of(false, false, true)).isEqualTo(TestState.FLAKY);
        assertThat(TestState.of(false, false, false).value()).isEqualTo("stable");
        assertThat(TestState.fromValue("quarantined")).isEqualTo(TestState.QUARANTINED);
    }
}
