package io.gatekeeper.flaky.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatePosteriorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration HALF_LIFE = Duration.ofDays(30);

    @Test
    void zeroFailuresInHundredRuns_boundTheRateOnlyAtAboutThreeOverN() {
        RatePosterior uniform = RatePosterior.of(1, 1, 0, 100);
        assertThat(uniform.upperBound()).isCloseTo(1 - Math.pow(0.05, 1.0 / 101), within(1e-12));
        assertThat(uniform.upperBound()).isCloseTo(0.0292, within(1e-4));
        assertThat(uniform.mean()).isCloseTo(1.0 / 102, within(1e-15));
    }

    @Test
    void jeffreysPosterior_meanAndCounts() {
        RatePosterior p = RatePosterior.of(0.5, 0.5, 2, 18);
        assertThat(p.mean()).isCloseTo(2.5 / 21, within(1e-15));
        assertThat(p.failures()).isEqualTo(2.0);
        assertThat(p.runs()).isEqualTo(20.0);
        assertThat(p.lower()).isLessThan(p.lowerBound()).isLessThan(p.mean());
        assertThat(p.upper()).isGreaterThan(p.upperBound()).isGreaterThan(p.mean());
    }

    @Test
    void logProbability_isTheBetaBinomialMoment() {
        RatePosterior p = RatePosterior.of(0.5, 0.5, 2, 18);
        // E[p^2] = a(a+1) / ((a+b)(a+b+1)) = 2.5*3.5 / (21*22)
        assertThat(Math.exp(p.logProbability(2, 0))).isCloseTo(8.75 / 462, within(1e-14));
        // E[p(1-p)] = ab / ((a+b)(a+b+1))
        assertThat(Math.exp(p.logProbability(1, 1))).isCloseTo(2.5 * 18.5 / 462, within(1e-14));
    }

    @Test
    void weight_halvesEveryHalfLife() {
        assertThat(DecayedCounts.weight(NOW.minus(Duration.ofDays(30)), NOW, HALF_LIFE)).isCloseTo(0.5, within(1e-15));
        assertThat(DecayedCounts.weight(NOW.minus(Duration.ofDays(60)), NOW, HALF_LIFE)).isCloseTo(0.25, within(1e-15));
        assertThat(DecayedCounts.weight(NOW, NOW, HALF_LIFE)).isEqualTo(1.0);
    }

    @Test
    void oldFailuresCountLess_fourAMonthAgoAreTwoToday() {
        Instant monthAgo = NOW.minus(Duration.ofDays(30));
        DecayedCounts c = DecayedCounts.empty(NOW);
        for (int i = 0; i < 4; i++) {
            c = c.plusFailure(monthAgo, HALF_LIFE);
        }
        for (int i = 0; i < 10; i++) {
            c = c.plusPass(NOW, HALF_LIFE);
        }
        assertThat(c.failures()).isCloseTo(2, within(1e-12));
        RatePosterior p = c.posterior(ModelSettings.DEFAULT.withPrior(0.5, 0.5));
        assertThat(p.mean()).isCloseTo(2.5 / 13, within(1e-12));
        // Default prior Beta(0.25, 2.5): (0.25 + 2) / (2.75 + 12)
        assertThat(c.posterior(ModelSettings.DEFAULT).mean()).isCloseTo(2.25 / 14.75, within(1e-12));
    }

    @Test
    void incrementalDecay_equalsRecomputingFromExecutions() {
        Instant t0 = NOW.minus(Duration.ofDays(90));
        DecayedCounts rolling = DecayedCounts.empty(t0);
        rolling = rolling.plusFailure(t0, HALF_LIFE);
        rolling = rolling.decayTo(NOW.minus(Duration.ofDays(20)), HALF_LIFE).plusPass(NOW.minus(Duration.ofDays(20)), HALF_LIFE);
        rolling = rolling.decayTo(NOW, HALF_LIFE).plusFailure(NOW.minus(Duration.ofDays(45)), HALF_LIFE);

        TestId id = new TestId("C", "t");
        List<Execution> executions = List.of(
                execution(id, Outcome.FAIL, t0), execution(id, Outcome.PASS, NOW.minus(Duration.ofDays(20))),
                execution(id, Outcome.FAIL, NOW.minus(Duration.ofDays(45))), execution(id, Outcome.SKIP, NOW));
        DecayedCounts batch = RateEstimator.counts(executions, e -> true, null, NOW, ModelSettings.DEFAULT);
        assertThat(rolling.failures()).isCloseTo(batch.failures(), within(1e-12));
        assertThat(rolling.passes()).isCloseTo(batch.passes(), within(1e-12));
        // 2^-3 + 2^-1.5 failures, 2^-(2/3) passes
        assertThat(batch.failures()).isCloseTo(0.125 + Math.pow(2, -1.5), within(1e-12));
        assertThat(batch.passes()).isCloseTo(Math.pow(2, -2.0 / 3), within(1e-12));
    }

    @Test
    void estimator_countsOnlyInnocentFailuresAndTheAskedScope() {
        TestId id = new TestId("C", "t");
        Execution innocent = execution(id, Outcome.FAIL, NOW);
        Execution suspect = execution(id, Outcome.ERROR, NOW);
        Execution isolatedPass = new Execution(id, "r", "unit", "c", "t", 2, Attempt.RERUN, Scope.ISOLATED,
                Outcome.PASS, Duration.ZERO, null, "n", NOW, false);
        List<Execution> all = List.of(innocent, suspect, isolatedPass, execution(id, Outcome.PASS, NOW));
        DecayedCounts c = RateEstimator.counts(all, e -> e == innocent, null, NOW, ModelSettings.DEFAULT);
        assertThat(c.failures()).isEqualTo(1.0);
        assertThat(c.passes()).isEqualTo(2.0);
        DecayedCounts inSuite = RateEstimator.counts(all, e -> e == innocent, Scope.IN_SUITE, NOW, ModelSettings.DEFAULT);
        assertThat(inSuite.passes()).isEqualTo(1.0);
    }

    static Execution execution(TestId id, Outcome outcome, Instant at) {
        return new Execution(id, "repo", "unit", "c1", "t1", 1, Attempt.FIRST, Scope.IN_SUITE, outcome,
                Duration.ofMillis(5), outcome.failed() ? "fp" : null, "node-1", at, false);
    }
}
