package io.gatekeeper.runner.client;

/**
 * The root of what the runner's client throws: a call that did not get the reply it needed.
 * {@link #isTransient()} says whether retrying the same call later may help.
 */
public class RunnerClientException extends RuntimeException {
    private final int status;

    public RunnerClientException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no reply came. */
    public int status() {
        return status;
    }

    /** No reply, a server error, or too many requests: worth retrying. */
    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }

    /** 401/403: the token is refused. */
    public static final class Unauthorized extends RunnerClientException {
        public Unauthorized(String message, int status) {
            super(message, status, null);
        }
    }

    /** 410: the service no longer knows this node (or declared it lost); register again. */
    public static final class NodeGone extends RunnerClientException {
        public NodeGone(String message) {
            super(message, 410, null);
        }
    }

    /** 409 on a log chunk: the service holds fewer bytes than the chunk's offset assumes. */
    public static final class LogGap extends RunnerClientException {
        private final long serviceLength;

        public LogGap(long serviceLength) {
            super("log gap: the service holds " + serviceLength + " bytes", 409, null);
            this.serviceLength = serviceLength;
        }

        public long serviceLength() {
            return serviceLength;
        }
    }
}
