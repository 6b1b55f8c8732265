package io.gatekeeper.flaky.model;

/**
 * A test is broken when its last {@link ModelSettings#brokenAfter()} executions on head all failed: head
 * itself is failing it, so a candidate's failure of that test is no evidence against the candidate, and the
 * test is not flaky either (it does not pass). Kept as a streak so the store can update it per execution.
 */
public final class BrokenPolicy {

    private final ModelSettings settings;

    public BrokenPolicy(ModelSettings settings) {
        this.settings = settings;
    }

    /** Consecutive head failures after one more head execution; skips leave the streak as it was. */
    public static int streak(int previous, Outcome outcome) {
        if (outcome == Outcome.SKIP) {
            return previous;
        }
        return outcome.failed() ? previous + 1 : 0;
    }

    public boolean broken(int headFailureStreak) {
        return headFailureStreak >= settings.brokenAfter();
    }
}
