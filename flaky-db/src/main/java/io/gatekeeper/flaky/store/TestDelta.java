package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.model.BrokenPolicy;
import io.gatekeeper.flaky.model.DecayedCounts;
import io.gatekeeper.flaky.model.Outcome;
import io.gatekeeper.flaky.model.Scope;
import java.time.Duration;
import java.time.Instant;

/**
 * What one ingest (or one batch of late evidence) adds to one test's rollup: weighted counts as of the
 * transaction's instant, raw counts, and the effect on the head failure streak. Small, so a 100k-test report
 * needs only one of these per test, never the executions themselves.
 */
final class TestDelta {

    final String displayName;
    DecayedCounts pooled;
    DecayedCounts isolated;
    long runs;
    long failures;
    Instant lastFailureAt;
    Instant lastRunAt;
    /** Head executions seen: whether one passed, and failures since the last pass (or since the start). */
    boolean headPassSeen;
    int headFailuresSinceLastPass;

    TestDelta(String displayName, Instant asOf) {
        this.displayName = displayName;
        this.pooled = DecayedCounts.empty(asOf);
        this.isolated = DecayedCounts.empty(asOf);
    }

    /** An execution was recorded (its failure, if any, counts towards the rate only via {@link #excused}). */
    void executed(Outcome outcome, Scope scope, boolean onHead, Instant at, Duration halfLife) {
        if (outcome == Outcome.SKIP) {
            return;
        }
        runs++;
        lastRunAt = max(lastRunAt, at);
        if (outcome == Outcome.PASS) {
            pooled = pooled.plusPass(at, halfLife);
            if (scope == Scope.ISOLATED) {
                isolated = isolated.plusPass(at, halfLife);
            }
        } else {
            failures++;
            lastFailureAt = max(lastFailureAt, at);
        }
        if (onHead) {
            if (outcome == Outcome.PASS) {
                headPassSeen = true;
                headFailuresSinceLastPass = 0;
            } else {
                headFailuresSinceLastPass = BrokenPolicy.streak(headFailuresSinceLastPass, outcome);
            }
        }
    }

    /** A failure gained (+1) or lost (-1) its evidence of innocence; negative sums are fine until applied. */
    void excused(Scope scope, Instant at, Duration halfLife, int sign) {
        pooled = shift(pooled, at, halfLife, sign);
        if (scope == Scope.ISOLATED) {
            isolated = shift(isolated, at, halfLife, sign);
        }
    }

    int streakAfter(int previous) {
        return headPassSeen ? headFailuresSinceLastPass : previous + headFailuresSinceLastPass;
    }

    private static DecayedCounts shift(DecayedCounts c, Instant at, Duration halfLife, int sign) {
        double w = sign * DecayedCounts.weight(at, c.asOf(), halfLife);
        return new DecayedCounts(c.failures() + w, c.passes(), c.asOf());
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
