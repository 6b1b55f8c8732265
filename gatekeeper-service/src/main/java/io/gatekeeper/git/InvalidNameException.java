package io.gatekeeper.git;

/** A repository or branch name that Gatekeeper refuses to use. */
public class InvalidNameException extends GatekeeperGitException {
    public InvalidNameException(String message) {
        super(message);
    }
}
