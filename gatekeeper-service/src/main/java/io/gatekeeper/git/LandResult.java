package io.gatekeeper.git;

/** Outcome of moving a repository's head branch to a tested candidate. */
public enum LandResult {
    LANDED("head fast-forwarded to the candidate"),
    /** Head already is the candidate or contains it: a landing that happened before a restart. */
    ALREADY_LANDED("head already contains the candidate"),
    /** Head is no longer the commit the candidate was built on: rebuild on the new head. */
    HEAD_MOVED("head moved since the candidate was built"),
    NOT_FAST_FORWARD("the candidate does not descend from the expected head"),
    FAILED("the head update failed");

    private final String message;

    LandResult(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }

    public boolean landed() {
        return this == LANDED || this == ALREADY_LANDED;
    }
}
