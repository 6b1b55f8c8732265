package io.gatekeeper.pool;

import io.gatekeeper.GatekeeperException;

/** What the pool refuses to do for a runner; the subclass names why (the resource turns it into a status). */
public class PoolException extends GatekeeperException {
    PoolException(String message) {
        super(message);
    }

    /** The node is unknown or was declared lost: the runner must register again (HTTP 410). */
    public static final class NodeGone extends PoolException {
        NodeGone(String message) {
            super(message);
        }
    }

    /** The caller's token does not own the node it names (HTTP 403). */
    public static final class NotYourNode extends PoolException {
        NotYourNode(String message) {
            super(message);
        }
    }
}
