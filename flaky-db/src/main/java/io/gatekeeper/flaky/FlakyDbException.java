package io.gatekeeper.flaky;

/**
 * Root of the unchecked exceptions thrown by the flaky-db module. Subclasses are named for what failed
 * and mean "cannot proceed"; expected outcomes (a failed test, a flaky verdict) are values, not exceptions.
 */
public class FlakyDbException extends RuntimeException {

    public FlakyDbException(String message) {
        super(message);
    }

    public FlakyDbException(String message, Throwable cause) {
        super(message, cause);
    }
}
