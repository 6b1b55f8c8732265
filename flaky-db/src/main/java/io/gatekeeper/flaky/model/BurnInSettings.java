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
 * @param innocentRisk        tests with flake history ({@link RateShiftSprt}): accepted probability of blaming
 *                            the change for a test failing at its known rate (alpha; the re-run risk, 1e-3)
 * @param missRisk            ... accepted probability of passing a test that fails at the alternative (beta)
 * @param minShift            ... the alternative rate is at least the known rate plus this
 * @param related             also burn in the tests related by name to the non-test source files a change
 *                            changes ({@code Foo.java} → {@code FooTest}), after the tests of its own test files
 */
public record BurnInSettings(int runs, int maxTests, double touchedChangePrior, double innocentRisk,
                             double missRisk, double minShift, boolean related) {

    /**
     * 20 runs and a shift of 0.3: the cheapest choice with which the replay benchmark lets through at most 10% of
     * change-induced flaky regressions in touched tests on every seed tried (1-5, 7, 42; 18 runs: 9.7% on seed 2),
     * with margin; a regression failing at q ~ U(0.05, 0.5) passes 21 runs E[(1-q)^21] = 3.3% of the time.
     * See docs/flakiness.md §6a.
     */
    public static final BurnInSettings DEFAULT = new BurnInSettings(20, 20, ModelSettings.DEFAULT.flakyShare(),
            ModelSettings.DEFAULT.risk(), 0.1, 0.3, true);

    public BurnInSettings {
        if (runs < 0 || maxTests < 1 || !(touchedChangePrior > 0 && touchedChangePrior < 1)) {
            throw new IllegalArgumentException("burn-in runs must be >= 0, maxTests >= 1, touchedChangePrior in (0,1)");
        }
        if (!(innocentRisk > 0 && innocentRisk < 1) || !(missRisk > 0 && missRisk < 1)
                || !(minShift > 0 && minShift < 1)) {
            throw new IllegalArgumentException("burn-in innocentRisk, missRisk and minShift must be in (0,1)");
        }
    }

    /** Related tests burnt in too. */
    public BurnInSettings(int runs, int maxTests, double touchedChangePrior, double innocentRisk, double missRisk,
                          double minShift) {
        this(runs, maxTests, touchedChangePrior, innocentRisk, missRisk, minShift, true);
    }

    /** The default risks and shift of the rate test; related tests burnt in too. */
    public BurnInSettings(int runs, int maxTests, double touchedChangePrior) {
        this(runs, maxTests, touchedChangePrior, ModelSettings.DEFAULT.risk(), 0.1, 0.3);
    }

    public BurnInSettings withRuns(int value) {
        return new BurnInSettings(value, maxTests, touchedChangePrior, innocentRisk, missRisk, minShift, related);
    }

    public BurnInSettings withRelated(boolean value) {
        return new BurnInSettings(runs, maxTests, touchedChangePrior, innocentRisk, missRisk, minShift, value);
    }

    public boolean enabled() {
        return runs > 0;
    }
}
