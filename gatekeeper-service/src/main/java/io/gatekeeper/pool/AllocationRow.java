package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.AllocationRequest;
import io.gatekeeper.runner.pool.AllocationState;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/** A run's claim on {@code nodes} nodes, as stored; {@code state} an {@link AllocationState} wire name. */
public record AllocationRow(long id, long runId, int nodes, String labels, int priority, Instant queuedAt,
                            String state, Instant grantedAt, Instant endedAt) {

    public AllocationState allocationState() {
        return AllocationState.fromWire(state);
    }

    Set<String> labelSet() {
        return labels.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(labels.split(",")));
    }

    AllocationRequest toRequest() {
        return new AllocationRequest(Long.toString(id), nodes, labelSet(), priority, queuedAt);
    }
}
