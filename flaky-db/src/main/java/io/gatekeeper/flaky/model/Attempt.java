package io.gatekeeper.flaky.model;

/** Whether an execution was the first run of the test for its candidate or a targeted re-run. */
public enum Attempt {
    FIRST,
    RERUN
}
