package io.gatekeeper.flaky.model;

import java.util.List;
import java.util.Set;

/**
 * What the judge needs about one failed test on one candidate.
 *
 * @param rate              the test's posterior (in the context its re-runs run in: see docs/flakiness.md)
 * @param fingerprint       fingerprint id of the first failure
 * @param knownFingerprints fingerprint ids of the test's past innocent failures
 * @param reruns            targeted re-runs done so far, in order
 * @param state             the test's state: broken tests never block, quarantined tests only when their
 *                          rate can explain the failure (see {@link FlakeJudge})
 * @param quarantinedByHand a person quarantined the test: its failures never block, whatever they look like
 */
public record FailedTest(TestId testId, RatePosterior rate, String fingerprint, Set<String> knownFingerprints,
                         List<RerunResult> reruns, TestState state, boolean quarantinedByHand) {

    public FailedTest {
        knownFingerprints = Set.copyOf(knownFingerprints);
        reruns = List.copyOf(reruns);
    }

    /** A test not quarantined by hand. */
    public FailedTest(TestId testId, RatePosterior rate, String fingerprint, Set<String> knownFingerprints,
                      List<RerunResult> reruns, TestState state) {
        this(testId, rate, fingerprint, knownFingerprints, reruns, state, false);
    }

    public FailedTest withRerun(RerunResult result) {
        List<RerunResult> more = new java.util.ArrayList<>(reruns);
        more.add(result);
        return new FailedTest(testId, rate, fingerprint, knownFingerprints, more, state, quarantinedByHand);
    }

    /** The same failure of a test in another state (a quarantined test that head turned out to fail). */
    public FailedTest withState(TestState newState) {
        return new FailedTest(testId, rate, fingerprint, knownFingerprints, reruns, newState, quarantinedByHand);
    }

    /** Null when there is nothing to compare with, else whether the first failure failed a known way. */
    public Boolean fingerprintKnown() {
        return knownFingerprints.isEmpty() || fingerprint == null ? null : knownFingerprints.contains(fingerprint);
    }
}
