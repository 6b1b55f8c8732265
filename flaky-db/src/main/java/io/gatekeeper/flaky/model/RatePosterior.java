package io.gatekeeper.flaky.model;

/**
 * Beliefs about a test's sporadic-failure rate p: Beta(alpha, beta), the prior plus recency-weighted counts
 * of innocent failures (alpha) and passes (beta). See docs/flakiness.md for why Beta and which counts.
 */
public record RatePosterior(double alpha, double beta, double priorAlpha, double priorBeta) {

    /** Confidence used for intervals and bounds throughout: 95%. */
    public static final double LEVEL = 0.95;

    public RatePosterior {
        if (!(alpha > 0) || !(beta > 0) || !(priorAlpha > 0) || !(priorBeta > 0)) {
            throw new IllegalArgumentException("Beta parameters must be positive");
        }
    }

    /** The posterior after weighted counts on top of a prior. */
    public static RatePosterior of(double priorAlpha, double priorBeta, double failures, double passes) {
        return new RatePosterior(priorAlpha + failures, priorBeta + passes, priorAlpha, priorBeta);
    }

    /** The same passes with the failures forgotten: for a test whose failures are too few or too old to count. */
    public RatePosterior withoutFailures() {
        return new RatePosterior(priorAlpha, beta, priorAlpha, priorBeta);
    }

    public double mean() {
        return alpha / (alpha + beta);
    }

    /** Lower end of the equal-tailed 95% credible interval. */
    public double lower() {
        return quantile((1 - LEVEL) / 2);
    }

    /** Upper end of the equal-tailed 95% credible interval. */
    public double upper() {
        return quantile(1 - (1 - LEVEL) / 2);
    }

    /** One-sided 95% upper bound: p is below this with 95% probability (what quarantine release uses). */
    public double upperBound() {
        return quantile(LEVEL);
    }

    /** One-sided 95% lower bound: p is above this with 95% probability (what auto-quarantine uses). */
    public double lowerBound() {
        return quantile(1 - LEVEL);
    }

    public double quantile(double q) {
        return BetaMath.inverseRegularizedBeta(q, alpha, beta);
    }

    /** Weighted innocent failures seen, prior excluded. */
    public double failures() {
        return alpha - priorAlpha;
    }

    /** Weighted runs seen (innocent failures and passes), prior excluded. */
    public double runs() {
        return alpha - priorAlpha + beta - priorBeta;
    }

    /**
     * E[p^f (1-p)^s] under this posterior: the probability that f given runs fail and s given runs pass if
     * the test is only flaky. Returned as a natural logarithm.
     */
    public double logProbability(int failures, int passes) {
        return BetaMath.logBeta(alpha + failures, beta + passes) - BetaMath.logBeta(alpha, beta);
    }
}
