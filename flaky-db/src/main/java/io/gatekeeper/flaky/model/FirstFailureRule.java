package io.gatekeeper.flaky.model;

/**
 * Burn-in of a test with no flake history: its first failure is the change's fault, since nothing else
 * explains it (docs/flakiness.md §6a). It never stops early: a clean run says little about a rate of 5%.
 */
public final class FirstFailureRule implements BurnInRule {

    public static final FirstFailureRule INSTANCE = new FirstFailureRule();

    private FirstFailureRule() {
    }

    @Override
    public Status judge(int failures, int passes) {
        return failures > 0 ? Status.CHANGE_CAUSED : Status.CONTINUE;
    }
}
