package io.gatekeeper.runner.pool;

/** A state was asked to accept an event its machine does not allow: a bug in the caller, not an outcome. */
public final class IllegalTransitionException extends IllegalStateException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
