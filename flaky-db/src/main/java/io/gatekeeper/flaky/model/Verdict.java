package io.gatekeeper.flaky.model;

/**
 * A judgement on one failed test, with the numbers behind it, as stored and shown on the request.
 *
 * @param failures         failed runs on this candidate (the first failure included)
 * @param runs             all runs on this candidate (1 + re-runs)
 * @param rate             the test's posterior used; {@link #hasHistory} says whether it was a measured rate
 * @param pChangeCaused    P(change-caused | these runs), see {@link ChangeCause}
 * @param maxReruns        the re-run budget (0 when none was allowed)
 * @param fingerprintKnown null when the test had no known fingerprints to compare with
 * @param text             the one line for people
 */
public record Verdict(TestId testId, Decision decision, int failures, int runs, RatePosterior rate,
                      boolean hasHistory, double pChangeCaused, int maxReruns, Boolean fingerprintKnown,
                      String text) {

    /** Re-runs still allowed before the budget is spent. */
    public int rerunsLeft() {
        return decision == Decision.RERUN ? maxReruns - (runs - 1) : 0;
    }
}
