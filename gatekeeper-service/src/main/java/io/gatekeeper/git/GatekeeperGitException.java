package io.gatekeeper.git;

/**
 * Root of the unchecked exceptions thrown by the git package. They mean "cannot proceed"
 * (missing repository, unreadable object store, invalid name); expected outcomes such as
 * a rebase conflict or a moved head are results, not exceptions.
 */
public class GatekeeperGitException extends RuntimeException {
    public GatekeeperGitException(String message) {
        super(message);
    }

    public GatekeeperGitException(String message, Throwable cause) {
        super(message, cause);
    }
}
