package io.gatekeeper.flaky.model;

import java.time.Instant;
import java.util.function.Predicate;

/**
 * Recomputes a test's decayed counts from its executions: every pass counts; a failure counts only with
 * evidence that the code was not at fault (see {@link Evidence}); skips do not count. The store keeps the same
 * counts incrementally ({@link DecayedCounts}); this is the reference it must agree with.
 */
public final class RateEstimator {

    private RateEstimator() {
    }

    /**
     * @param innocent says whether a failed execution has evidence of innocence
     * @param scope    only executions in this scope, or null for all
     */
    public static DecayedCounts counts(Iterable<Execution> executions, Predicate<Execution> innocent, Scope scope,
                                       Instant now, ModelSettings settings) {
        DecayedCounts counts = DecayedCounts.empty(now);
        for (Execution e : executions) {
            if (scope != null && e.scope() != scope) {
                continue;
            }
            if (e.passed()) {
                counts = counts.plusPass(e.at(), settings.halfLife());
            } else if (e.failed() && innocent.test(e)) {
                counts = counts.plusFailure(e.at(), settings.halfLife());
            }
        }
        return counts;
    }
}
