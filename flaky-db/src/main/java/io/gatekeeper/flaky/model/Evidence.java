package io.gatekeeper.flaky.model;

/**
 * Why a failure is believed not to be the code's fault. Only failures with evidence other than
 * {@link #NONE} count towards a test's flake rate: a failure that may be a real regression must not make the
 * test look flakier (and so make the next real regression easier to excuse).
 */
public enum Evidence {
    PASSED_ON_RERUN_ON_HEAD("failed on head and passed on re-run"),
    SAME_TREE_PASSED("the same tree also passed"),
    NO_CULPRIT_FOUND("isolation of its batch found no culprit"),
    QUARANTINED_RUN_PASSED("quarantined, and the rest of its run passed"),
    NONE("no evidence that the code was not at fault");

    private final String text;

    Evidence(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean innocent() {
        return this != NONE;
    }
}
