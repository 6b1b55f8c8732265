package io.gatekeeper.flaky.model;

/** One targeted re-run of a failed test on the same candidate: its outcome and, if it failed, its fingerprint. */
public record RerunResult(Outcome outcome, String fingerprint) {

    public static RerunResult pass() {
        return new RerunResult(Outcome.PASS, null);
    }

    public static RerunResult fail(String fingerprint) {
        return new RerunResult(Outcome.FAIL, fingerprint);
    }
}
