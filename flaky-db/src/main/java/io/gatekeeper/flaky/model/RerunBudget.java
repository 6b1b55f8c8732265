package io.gatekeeper.flaky.model;

/**
 * How many targeted re-runs a failed test with a measured rate gets: the smallest k with p^k below the
 * accepted risk, where p is the one-sided 95% upper bound of the rate (so the risk bound holds even if the
 * rate was underestimated), capped. k failures in a row from an innocent test then happen with probability
 * below the risk, so k failures in a row blame the change.
 */
public final class RerunBudget {

    private RerunBudget() {
    }

    /** The number of re-runs, between 1 and the cap. */
    public static int reruns(double rateUpperBound, ModelSettings settings) {
        if (!(rateUpperBound > 0)) {
            return 1;
        }
        if (rateUpperBound >= 1) {
            return settings.maxReruns();
        }
        // Smallest integer k with k * ln p < ln risk, i.e. strictly below the risk.
        long k = (long) Math.floor(Math.log(settings.risk()) / Math.log(rateUpperBound)) + 1;
        return (int) Math.max(1, Math.min(settings.maxReruns(), k));
    }

    /** Probability that an innocent test with this rate fails all k re-runs: what the budget leaves. */
    public static double residualRisk(double rateUpperBound, int reruns) {
        return Math.pow(rateUpperBound, reruns);
    }
}
