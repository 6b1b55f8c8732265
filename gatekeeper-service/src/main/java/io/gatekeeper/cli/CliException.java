package io.gatekeeper.cli;

/** A client command cannot proceed; the message is printed and the command exits non-zero. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
