package io.gatekeeper.flaky.model;

/** What a failed test on a candidate is judged to be; {@link #text()} ends the verdict line. */
public enum Decision {
    CHANGE_CAUSED("judged caused by the change"),
    FLAKY("judged flaky"),
    RERUN("re-running"),
    QUARANTINED("quarantined, not blocking"),
    BROKEN_ON_HEAD("broken on head, not blocking");

    private final String text;

    Decision(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** True when the failure must block the candidate. */
    public boolean blocks() {
        return this == CHANGE_CAUSED;
    }

    /** True when no more runs are needed. */
    public boolean finalDecision() {
        return this != RERUN;
    }
}
