package io.gatekeeper.flaky.model;

/**
 * P(change-caused | what was seen) for one failed test on one candidate, by Bayes' rule over two causes:
 * <ul>
 *   <li><b>flaky</b>: the test fails independently at its own rate p. A test with flake history has p ~ its
 *       posterior; one without is flaky at all only with a small probability that shrinks with every clean run
 *       (most tests never flake), which is why a first failure of a stable test points at the change.</li>
 *   <li><b>change</b>: the change broke it (prior {@link ModelSettings#changePrior()} per test and change); it
 *       then fails every time (share {@link ModelSettings#deterministicShare()}) or at an unknown rate q,
 *       uniform on [0, 1].</li>
 * </ul>
 * The failure fingerprint, when the test has known flaky fingerprints, multiplies in how likely a known
 * (or new) fingerprint is under each cause. Formulas in docs/flakiness.md.
 */
public final class ChangeCause {

    private ChangeCause() {
    }

    /**
     * @param rate             the test's posterior for the context the runs happened in
     * @param failures         failed runs on this candidate, the first failure included (at least 1)
     * @param passes           passed re-runs on this candidate
     * @param fingerprintKnown null when the test has no known flaky fingerprints, else whether the first
     *                         failure's fingerprint is one of them
     */
    public static double probability(RatePosterior rate, int failures, int passes, Boolean fingerprintKnown,
                                     ModelSettings s) {
        RatePosterior counted = hasHistory(rate, s) ? rate : rate.withoutFailures();
        double logFlaky = Math.log(flakyAtAll(rate, s)) + counted.logProbability(failures, passes);
        double changeLikelihood = (passes == 0 ? s.deterministicShare() : 0)
                + (1 - s.deterministicShare()) * Math.exp(BetaMath.logBeta(failures + 1, passes + 1));
        double logChange = Math.log(s.changePrior()) + Math.log(changeLikelihood);
        logFlaky += Math.log(1 - s.changePrior());
        if (fingerprintKnown != null) {
            logFlaky += Math.log(fingerprintKnown ? s.fingerprintMatchIfFlaky() : 1 - s.fingerprintMatchIfFlaky());
            logChange += Math.log(fingerprintKnown ? s.fingerprintMatchIfChange() : 1 - s.fingerprintMatchIfChange());
        }
        return 1 / (1 + Math.exp(logFlaky - logChange));
    }

    /**
     * Probability that the test is flaky at all. With flake history, 1. Without, the prior share of flaky tests
     * updated on the clean runs: phi B(a, b + n) / B(a, b) against 1 - phi for a test that never fails.
     */
    public static double flakyAtAll(RatePosterior rate, ModelSettings s) {
        if (hasHistory(rate, s)) {
            return 1;
        }
        double phi = s.flakyShare();
        double cleanIfFlaky = Math.exp(BetaMath.logBeta(rate.priorAlpha(), rate.beta())
                - BetaMath.logBeta(rate.priorAlpha(), rate.priorBeta()));
        return phi * cleanIfFlaky / (phi * cleanIfFlaky + 1 - phi);
    }

    /** Flake history: enough recent innocent failures (weighted) to call the test flaky. */
    public static boolean hasHistory(RatePosterior rate, ModelSettings s) {
        return rate.failures() >= s.minFlakyEvidence();
    }
}
