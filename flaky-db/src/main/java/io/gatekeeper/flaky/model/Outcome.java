package io.gatekeeper.flaky.model;

/** What one test case reported, classified once: error, else failure, else skipped, else pass. */
public enum Outcome {
    PASS,
    FAIL,
    ERROR,
    SKIP;

    /** True for the outcomes that fail a tier. */
    public boolean failed() {
        return this == FAIL || this == ERROR;
    }
}
