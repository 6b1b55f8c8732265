package io.gatekeeper.pool;

import io.gatekeeper.runner.tier.TierJob;

import java.time.Instant;
import java.util.List;

/**
 * A tier run handed to the pool: what every node is to run, how many nodes of which labels it needs, its place
 * in the queue, and who to tell how it goes.
 *
 * @param runId    the tier run's id, the protocol's runId
 * @param repo     the hosted repository's name: runners fetch it from the service's {@code /git/<repo>.git}
 * @param priority higher is served first
 * @param queuedAt older is served first among equal priorities
 */
public record PoolJob(long runId, String repo, int attempt, TierJob job, int nodes, List<String> labels,
                      int priority, Instant queuedAt, RunObserver observer) {

    public PoolJob {
        labels = List.copyOf(labels);
        if (nodes < 1) {
            throw new IllegalArgumentException("a tier needs at least one node, not " + nodes);
        }
    }
}
