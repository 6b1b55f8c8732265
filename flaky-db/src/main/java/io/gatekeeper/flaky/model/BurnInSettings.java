package io.gatekeeper.flaky.model;

/**
 * The knobs of burn-in (docs/flakiness.md §6a).
 *
 * @param runs                how many times each test a change adds or modifies is re-run after its tier passed;
 *                            0 turns burn-in off
 * @param maxTests            at most this many tests are burnt in per candidate and tier, so a refactor that
 *                            touches hundreds of test files does not burn hours
 * @param touchedChangePrior  prior probability that a change made a test it modifies flaky; only
 *                            P(change-caused) of a burn-in failure uses it, never the decision
 */
public record BurnInSettings(int runs, int maxTests, double touchedChangePrior) {

    /**
     * 11 runs: the fewest with which a regression failing at q ~ U(0.05, 0.5) (the replay benchmark's
     * change-induced flakiness) passes the tier's run and every burn-in run at most 10% of the time,
     * E[(1-q)^12] = 8.8% (10 runs: 10.002%); see docs/flakiness.md.
     */
    public static final BurnInSettings DEFAULT = new BurnInSettings(11, 20, ModelSettings.DEFAULT.flakyShare());

    public BurnInSettings {
        if (runs < 0 || maxTests < 1 || !(touchedChangePrior > 0 && touchedChangePrior < 1)) {
            throw new IllegalArgumentException("burn-in runs must be >= 0, maxTests >= 1, touchedChangePrior in (0,1)");
        }
    }

    public BurnInSettings withRuns(int value) {
        return new BurnInSettings(value, maxTests, touchedChangePrior);
    }

    public boolean enabled() {
        return runs > 0;
    }
}
