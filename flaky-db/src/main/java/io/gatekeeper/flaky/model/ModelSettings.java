package io.gatekeeper.flaky.model;

import java.time.Duration;

/**
 * The knobs of the rate model and of the decisions built on it; defaults in {@link #DEFAULT}, reasons in
 * docs/flakiness.md.
 *
 * @param priorAlpha         Beta prior of a flaky test's rate, failures side (0.25: fitted to FlakeFlagger)
 * @param priorBeta          Beta prior of a flaky test's rate, passes side (2.5: fitted to FlakeFlagger)
 * @param flakyShare         prior probability that a test is flaky at all (FlakeFlagger: 811 of 22,245)
 * @param halfLife           age at which an execution counts half
 * @param minFlakyEvidence   weighted innocent failures needed before a test "has flake history"
 * @param risk               accepted probability that an innocent flaky test fails every re-run
 * @param maxReruns          hard cap on targeted re-runs of one test for one failure
 * @param changePrior        prior probability that a given change broke a given test
 * @param deterministicShare share of change-caused failures that fail every time
 * @param fingerprintMatchIfFlaky  P(failure fingerprint seen before | test is only flaky)
 * @param fingerprintMatchIfChange P(failure fingerprint seen before | the change caused it)
 * @param quarantineAbove    auto-quarantine when the one-sided 95% lower bound of the rate exceeds this
 * @param minQuarantineRuns  ... and the test has at least this many (weighted) runs
 * @param releaseBelow       auto-release when the one-sided 95% upper bound of the rate falls below this
 * @param brokenAfter        consecutive failed head executions (no pass between) that make a test broken
 * @param quarantineMaxReruns hard cap on re-runs of a test quarantined for its rate that failed a new way
 */
public record ModelSettings(double priorAlpha, double priorBeta, double flakyShare, Duration halfLife,
                            double minFlakyEvidence, double risk, int maxReruns, double changePrior, double deterministicShare,
                            double fingerprintMatchIfFlaky, double fingerprintMatchIfChange,
                            double quarantineAbove, double minQuarantineRuns, double releaseBelow,
                            int brokenAfter, int quarantineMaxReruns) {

    public static final ModelSettings DEFAULT = new ModelSettings(0.25, 2.5, 0.036, Duration.ofDays(30),
            0.25, 1e-3, 5, 1e-4, 0.6, 0.9, 0.1, 0.10, 10, 0.01, 3, 20);

    public ModelSettings {
        if (!(risk > 0 && risk < 1) || maxReruns < 1 || quarantineMaxReruns < 0 || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("risk must be in (0,1), maxReruns >= 1, quarantineMaxReruns >= 0, halfLife > 0");
        }
        if (!(releaseBelow < quarantineAbove)) {
            throw new IllegalArgumentException("releaseBelow must be below quarantineAbove, or tests would flap");
        }
    }

    public ModelSettings withHalfLife(Duration value) {
        return new ModelSettings(priorAlpha, priorBeta, flakyShare, value, minFlakyEvidence, risk, maxReruns,
                changePrior, deterministicShare, fingerprintMatchIfFlaky, fingerprintMatchIfChange, quarantineAbove,
                minQuarantineRuns, releaseBelow, brokenAfter, quarantineMaxReruns);
    }

    public ModelSettings withPrior(double alpha, double beta) {
        return new ModelSettings(alpha, beta, flakyShare, halfLife, minFlakyEvidence, risk, maxReruns,
                changePrior, deterministicShare, fingerprintMatchIfFlaky, fingerprintMatchIfChange, quarantineAbove,
                minQuarantineRuns, releaseBelow, brokenAfter, quarantineMaxReruns);
    }

    public ModelSettings withRisk(double value, int cap) {
        return new ModelSettings(priorAlpha, priorBeta, flakyShare, halfLife, minFlakyEvidence, value, cap,
                changePrior, deterministicShare, fingerprintMatchIfFlaky, fingerprintMatchIfChange, quarantineAbove,
                minQuarantineRuns, releaseBelow, brokenAfter, quarantineMaxReruns);
    }

    public ModelSettings withChangePrior(double value) {
        return new ModelSettings(priorAlpha, priorBeta, flakyShare, halfLife, minFlakyEvidence, risk, maxReruns,
                value, deterministicShare, fingerprintMatchIfFlaky, fingerprintMatchIfChange, quarantineAbove,
                minQuarantineRuns, releaseBelow, brokenAfter, quarantineMaxReruns);
    }
}
