package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.Liveness;

import java.time.Duration;

/**
 * The pool's timing, parsed once from configuration.
 *
 * @param liveness     heartbeat interval told to runners, heartbeats a node may miss before it is lost, and
 *                     how long a node's lease on its allocation lives without renewal
 * @param leaseWait    how long a runner's lease and ready calls may be held open
 * @param waitForNodes how long a tier may wait for nodes the pool does not have (too few matching nodes)
 *                     before the pool gives up on it as an infrastructure error
 */
public record PoolSettings(Liveness liveness, Duration leaseWait, Duration waitForNodes) {

    public static final PoolSettings DEFAULT =
            new PoolSettings(Liveness.DEFAULT, Duration.ofSeconds(20), Duration.ofMinutes(5));

    public PoolSettings {
        if (liveness.heartbeat().toSeconds() < 1) {
            throw new IllegalArgumentException("the heartbeat interval must be whole seconds, at least 1s");
        }
    }

    public int heartbeatSeconds() {
        return (int) liveness.heartbeat().toSeconds();
    }

    public int leaseWaitSeconds() {
        return (int) Math.max(1, leaseWait.toSeconds());
    }
}
