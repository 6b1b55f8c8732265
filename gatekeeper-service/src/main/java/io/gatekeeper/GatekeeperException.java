package io.gatekeeper;

/** The service's unchecked root: a subclass names what failed; its message is for the person who asked. */
public class GatekeeperException extends RuntimeException {
    public GatekeeperException(String message) {
        super(message);
    }

    /** The request was malformed or named something invalid (HTTP 400). */
    public static final class InvalidInput extends GatekeeperException {
        public InvalidInput(String message) {
            super(message);
        }
    }

    /** The thing asked for does not exist (HTTP 404). */
    public static final class NotFound extends GatekeeperException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The request clashes with what exists (HTTP 409). */
    public static final class Conflict extends GatekeeperException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The thing asked for existed but was removed on purpose, e.g. by retention (HTTP 410). */
    public static final class Gone extends GatekeeperException {
        public Gone(String message) {
            super(message);
        }
    }
}
