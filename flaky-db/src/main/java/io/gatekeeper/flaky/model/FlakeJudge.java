package io.gatekeeper.flaky.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The decision policy for a failed test on a candidate (issue 5 §3), one step at a time: called after the
 * failure and again after each targeted re-run, it says re-run once more or gives the final verdict.
 * <ol>
 *   <li>Test broken on head → never blocks (head fails it too). Quarantined by hand → never blocks (a person
 *       said so). Quarantined for its rate → never blocks for what that rate explains: a failure with a known
 *       fingerprint (or none to compare with) is its known flakiness. A failure a new way may be a new
 *       breakage hiding behind the quarantine, so that test is re-run alone, up to its own cap; a pass ends
 *       it, and failing every re-run — which an innocent test at that rate does with probability below the
 *       risk — is the change's fault. When the cap cannot bring that probability below the risk, it never
 *       blocks.</li>
 *   <li>No flake history → the change's fault at once, no re-run: a pass on re-run of a historically stable
 *       test would be evidence that the change made it flaky, not an excuse.</li>
 *   <li>Measured rate → re-run only this test, sequentially. A pass whose first failure had a fingerprint
 *       seen before → flaky. A pass with a new fingerprint → whichever cause is more probable. Failure after
 *       failure up to the budget k ({@link RerunBudget}) → the change.</li>
 * </ol>
 */
public final class FlakeJudge {

    private final ModelSettings settings;

    public FlakeJudge(ModelSettings settings) {
        this.settings = settings;
    }

    public Verdict judge(FailedTest test) {
        RatePosterior rate = test.rate();
        boolean history = ChangeCause.hasHistory(rate, settings);
        int passes = (int) test.reruns().stream().filter(r -> r.outcome() == Outcome.PASS).count();
        int failures = 1 + (int) test.reruns().stream().filter(r -> r.outcome().failed()).count();
        Boolean known = test.fingerprintKnown();
        double p = ChangeCause.probability(rate, failures, passes, known, settings);
        int budget = history ? RerunBudget.reruns(rate.upperBound(), settings) : 0;
        Decision decision;
        if (test.state() == TestState.QUARANTINED) {
            budget = RerunBudget.reruns(rate.upperBound(), settings.risk(), settings.quarantineMaxReruns());
            decision = quarantined(test, failures, passes, budget);
        } else if (test.state() == TestState.BROKEN) {
            decision = Decision.BROKEN_ON_HEAD;
        } else if (!history) {
            decision = Decision.CHANGE_CAUSED;
        } else if (passes > 0) {
            decision = Boolean.FALSE.equals(known) && p >= 0.5 ? Decision.CHANGE_CAUSED : Decision.FLAKY;
        } else if (failures - 1 >= budget) {
            decision = Decision.CHANGE_CAUSED;
        } else {
            decision = Decision.RERUN;
        }
        int runs = 1 + test.reruns().size();
        String text = text(test.testId(), decision, failures, runs, rate, history, budget);
        if (test.state() == TestState.QUARANTINED && decision == Decision.RERUN) {
            text += ": quarantined, but it failed a new way";
        } else if (test.state() == TestState.QUARANTINED && decision.blocks()) {
            text += ": quarantined, but it failed a new way and then every re-run, which its rate explains with"
                    + " probability below " + number(settings.risk());
        }
        return new Verdict(test.testId(), decision, failures, runs, rate, history, p, budget, known, text);
    }

    private Decision quarantined(FailedTest test, int failures, int passes, int budget) {
        if (test.quarantinedByHand() || passes > 0 || !Boolean.FALSE.equals(test.fingerprintKnown())
                || !RerunBudget.decides(test.rate().upperBound(), budget, settings)) {
            return Decision.QUARANTINED;
        }
        return failures - 1 >= budget ? Decision.CHANGE_CAUSED : Decision.RERUN;
    }

    private static String text(TestId id, Decision decision, int failures, int runs, RatePosterior rate,
                               boolean history, int budget) {
        String evidence = history
                ? "rate " + number(rate.mean()) + " [" + number(rate.lower()) + ", " + number(rate.upper()) + "]"
                : "no flake history";
        String tail = decision == Decision.RERUN ? decision.text() + " (up to " + budget + ")" : decision.text();
        return "`" + id.display() + "` failed " + failures + "/" + runs + ", " + evidence + ", " + tail;
    }

    /** Two decimals, or two significant digits below 0.1 so small rates do not print as 0.00. */
    public static String number(double x) {
        if (x >= 0.1 || x == 0) {
            return String.format(java.util.Locale.ROOT, "%.2f", x);
        }
        return new BigDecimal(x).round(new MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
