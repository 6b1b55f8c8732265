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
        return reruns(rateUpperBound, settings.risk(), settings.maxReruns());
    }

    /** The number of re-runs for this risk, between 1 and the cap (0 when the cap is 0). */
    public static int reruns(double rateUpperBound, double risk, int cap) {
        if (!(rateUpperBound > 0)) {
            return Math.min(1, cap);
        }
        if (rateUpperBound >= 1) {
            return cap;
        }
        // Smallest integer k with k * ln p < ln risk, i.e. strictly below the risk.
        long k = (long) Math.floor(Math.log(risk) / Math.log(rateUpperBound)) + 1;
        return (int) Math.max(Math.min(1, cap), Math.min(cap, k));
    }

    /** Whether k failing re-runs of an innocent test with this rate are rarer than the risk (the cap may stop short). */
    public static boolean decides(double rateUpperBound, int reruns, ModelSettings settings) {
        return residualRisk(rateUpperBound, reruns) < settings.risk();
    }

    /** Probability that an innocent test with this rate fails all k re-runs: what the budget leaves. */
    public static double residualRisk(double rateUpperBound, int reruns) {
        return Math.pow(rateUpperBound, reruns);
    }
}
