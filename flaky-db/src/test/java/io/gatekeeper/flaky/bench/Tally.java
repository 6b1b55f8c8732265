package io.gatekeeper.flaky.bench;

import java.util.Locale;

/** Counts one policy's outcomes over the replay. */
final class Tally {

    long innocentCandidatesFailing;
    long innocentCandidatesFailingAccepted;
    long innocentFailures;
    long innocentFailuresExonerated;
    long innocentActiveFailures;
    long innocentActiveExonerated;
    long activeJudged;
    long blamedNoHistory;
    long blamedBudgetSpent;
    long blamedNewFingerprint;
    double regressedBrierSum;
    long regressedBrierCount;
    long deterministic;
    long deterministicLetThrough;
    long flakyRegressions;
    long flakyRegressionsFailing;
    long flakyLetThrough;
    long flakyLetThroughFailing;
    long judgedFailures;
    long targetedReruns;
    long tierReruns;
    double brierSum;
    long brierCount;
    long regressionsOnQuarantined;
    long innocentCandidates;
    long flakyPassedBurnIn;
    long flakyPassedRateTest;
    long flakyChangedNotBurntIn;
    long flakyNotChanged;
    long candidatesBurntIn;
    long burnInRuns;
    long burnInFailures;
    double burnInBrierSum;
    long caughtByBurnIn;
    long innocentRejectedByBurnIn;
    long caughtByRateTest;
    long innocentRejectedByRateTest;
    long historyBurntIn;
    long releasedDuringReplay;

    static String pct(long part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%% (%d/%d)", 100.0 * part / whole, part, whole);
    }

    static String ratio(double part, long whole) {
        return whole == 0 ? "n/a" : String.format(Locale.ROOT, "%.3f", part / whole);
    }
}
