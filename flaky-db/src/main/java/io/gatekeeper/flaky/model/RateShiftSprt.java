package io.gatekeeper.flaky.model;

/**
 * Burn-in of a test with flake history (docs/flakiness.md §6a): Wald's sequential probability ratio test of
 * H0 "it fails at its known rate p0" against H1 "it fails at p1 > p0". Failures are expected from such a
 * test, so one failure proves nothing; the test asks whether they come clearly more often than before.
 * <p>
 * p0 is the one-sided 95% upper bound of the test's rate, so an innocent test is blamed with probability
 * at most about {@code alpha} even when its rate was underestimated; p1 = max(2 p0, p0 + shift), at most
 * (1 + p0) / 2. After f failures and s passes the log-likelihood ratio is
 * f ln(p1/p0) + s ln((1-p1)/(1-p0)); at or above A = ln((1-beta)/alpha) the change is blamed, at or below
 * B = ln(beta/(1-alpha)) the test is within its rate. Stopping at a cap before either boundary only lowers
 * the chance of blaming an innocent test.
 */
public final class RateShiftSprt implements BurnInRule {

    private final double p0;
    private final double p1;
    private final double upper;
    private final double lower;

    /**
     * @param p0    the rate an innocent test fails at, at most (its one-sided 95% upper bound)
     * @param p1    the rate taken to mean the change made it flakier
     * @param alpha accepted probability of blaming an innocent test
     * @param beta  accepted probability of passing a test that fails at p1
     */
    public RateShiftSprt(double p0, double p1, double alpha, double beta) {
        if (!(p0 > 0 && p0 < p1 && p1 < 1) || !(alpha > 0 && alpha < 1) || !(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("need 0 < p0 < p1 < 1 and alpha, beta in (0,1); got p0=" + p0
                    + ", p1=" + p1 + ", alpha=" + alpha + ", beta=" + beta);
        }
        this.p0 = p0;
        this.p1 = p1;
        this.upper = Math.log((1 - beta) / alpha);
        this.lower = Math.log(beta / (1 - alpha));
    }

    /** The test for a known rate whose one-sided upper bound is {@code p0}, with the settings' risks. */
    public static RateShiftSprt against(double p0, BurnInSettings s) {
        double bounded = Math.min(Math.max(p0, 1e-6), 0.999);
        double p1 = Math.min(Math.max(2 * bounded, bounded + s.minShift()), (1 + bounded) / 2);
        return new RateShiftSprt(bounded, p1, s.innocentRisk(), s.missRisk());
    }

    @Override
    public Status judge(int failures, int passes) {
        double llr = logLikelihoodRatio(failures, passes);
        if (llr >= upper) {
            return Status.CHANGE_CAUSED;
        }
        return llr <= lower ? Status.WITHIN_RATE : Status.CONTINUE;
    }

    public double logLikelihoodRatio(int failures, int passes) {
        return failures * failureIncrement() + passes * passIncrement();
    }

    /** ln(p1/p0): what one failure adds. */
    public double failureIncrement() {
        return Math.log(p1 / p0);
    }

    /** ln((1-p1)/(1-p0)), negative: what one pass adds. */
    public double passIncrement() {
        return Math.log((1 - p1) / (1 - p0));
    }

    /** A = ln((1-beta)/alpha): the change is blamed at or above it. */
    public double upperBoundary() {
        return upper;
    }

    /** B = ln(beta/(1-alpha)): the test is within its rate at or below it. */
    public double lowerBoundary() {
        return lower;
    }

    public double p0() {
        return p0;
    }

    public double p1() {
        return p1;
    }
}
