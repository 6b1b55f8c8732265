package io.gatekeeper.sim.replay;

import io.gatekeeper.GatekeeperException;

/** A replay cannot proceed: no such repository, nothing recorded to replay, no readable database. */
public final class ReplayException extends GatekeeperException {
    public ReplayException(String message) {
        super(message);
    }
}
