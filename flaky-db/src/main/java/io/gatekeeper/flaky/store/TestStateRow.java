package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.model.DecayedCounts;
import io.gatekeeper.flaky.model.ModelSettings;
import io.gatekeeper.flaky.model.RatePosterior;
import io.gatekeeper.flaky.model.TestState;
import java.time.Instant;

/**
 * A row of {@code test_state}: one test's rollup. {@code rate}, {@code rateLower}, {@code rateUpper} are the
 * posterior mean and 95% credible interval as of {@code countsAsOf}; {@code runs}/{@code failures} are raw
 * counts of all executions (skips excluded), for people; the weighted counts are what the model uses.
 */
public record TestStateRow(String repo, String testId, String displayName, double weightedFailures,
                           double weightedPasses, double isolatedFailures, double isolatedPasses,
                           Instant countsAsOf, double rate, double rateLower, double rateUpper, long runs,
                           long failures, Instant lastFailureAt, Instant lastRunAt, int headFailureStreak,
                           TestState state, boolean quarantined, boolean quarantinedByHand,
                           String quarantineReason, String owner) {

    public DecayedCounts pooled() {
        return new DecayedCounts(weightedFailures, weightedPasses, countsAsOf);
    }

    public DecayedCounts isolated() {
        return new DecayedCounts(isolatedFailures, isolatedPasses, countsAsOf);
    }

    public RatePosterior posterior(ModelSettings settings) {
        return pooled().posterior(settings);
    }

    /** Copy with new counts and the rate columns recomputed from them. */
    TestStateRow withCounts(DecayedCounts pooledCounts, DecayedCounts isolatedCounts, ModelSettings settings) {
        // A revoked failure subtracts the weight it added; rounding must not leave a negative count.
        DecayedCounts pooled = nonNegative(pooledCounts);
        DecayedCounts isolated = nonNegative(isolatedCounts);
        RatePosterior p = pooled.posterior(settings);
        return new TestStateRow(repo, testId, displayName, pooled.failures(), pooled.passes(), isolated.failures(),
                isolated.passes(), pooled.asOf(), p.mean(), p.lower(), p.upper(), runs, failures, lastFailureAt,
                lastRunAt, headFailureStreak, state, quarantined, quarantinedByHand, quarantineReason, owner);
    }

    private static DecayedCounts nonNegative(DecayedCounts c) {
        return new DecayedCounts(Math.max(0, c.failures()), Math.max(0, c.passes()), c.asOf());
    }

    TestStateRow withRuns(long newRuns, long newFailures, Instant newLastFailure, Instant newLastRun, int streak) {
        return new TestStateRow(repo, testId, displayName, weightedFailures, weightedPasses, isolatedFailures,
                isolatedPasses, countsAsOf, rate, rateLower, rateUpper, newRuns, newFailures, newLastFailure,
                newLastRun, streak, state, quarantined, quarantinedByHand, quarantineReason, owner);
    }

    TestStateRow withState(TestState newState, boolean q, boolean byHand, String reason) {
        return new TestStateRow(repo, testId, displayName, weightedFailures, weightedPasses, isolatedFailures,
                isolatedPasses, countsAsOf, rate, rateLower, rateUpper, runs, failures, lastFailureAt, lastRunAt,
                headFailureStreak, newState, q, byHand, reason, owner);
    }

    TestStateRow withOwner(String newOwner) {
        return new TestStateRow(repo, testId, displayName, weightedFailures, weightedPasses, isolatedFailures,
                isolatedPasses, countsAsOf, rate, rateLower, rateUpper, runs, failures, lastFailureAt, lastRunAt,
                headFailureStreak, state, quarantined, quarantinedByHand, quarantineReason, newOwner);
    }
}
