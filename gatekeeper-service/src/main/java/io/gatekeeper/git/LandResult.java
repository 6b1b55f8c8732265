package io.gatekeeper.git;

/** What a compare-and-swap move of head came to. */
public enum LandResult {
    LANDED("head moved to the candidate"),
    ALREADY_LANDED("head already contains the candidate"),
    HEAD_MOVED("head moved since the candidate was built; it must be rebuilt on the new head"),
    NOT_FAST_FORWARD("the candidate does not descend from head"),
    FAILED("the head ref could not be updated");

    private final String message;

    LandResult(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
