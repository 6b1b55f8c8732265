package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.RunState;

import java.time.Instant;

/** One attempt at a tier on the pool; {@code id} is the tier run's id, {@code state} a {@link RunState} wire name. */
public record PoolRunRow(long id, String repo, String tier, String commitSha, int attempt, String state,
                         String message, Instant createdAt, Instant finishedAt) {

    public RunState runState() {
        return RunState.fromWire(state);
    }
}
