package io.gatekeeper.flaky.model;

/**
 * How the burn-in runs of one test are judged (docs/flakiness.md §6a). Called after every burn-in run with
 * the counts so far; {@link BurnIn#rule} picks the rule for a test.
 */
public interface BurnInRule {

    /** What the burn-in runs so far say about the test. */
    enum Status {
        /** Not decided yet: burn it in again (if runs are left; at the cap it passes). */
        CONTINUE,
        /** Its failures are within its known rate: stop burning it in, it passes. */
        WITHIN_RATE,
        /** It fails more often than it did before the change: the change's fault. */
        CHANGE_CAUSED
    }

    /**
     * @param failures failed burn-in runs of the test
     * @param passes   passed burn-in runs of the test
     */
    Status judge(int failures, int passes);
}
