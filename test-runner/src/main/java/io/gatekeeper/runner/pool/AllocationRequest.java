package io.gatekeeper.runner.pool;

import java.time.Instant;
import java.util.Comparator;
import java.util.Set;

/**
 * A tier waiting for nodes.
 *
 * @param id       the caller's id for the request (an allocation row, say)
 * @param nodes    cluster size, all or none
 * @param labels   every granted node must carry all of them
 * @param priority higher goes first
 * @param queuedAt older goes first among equal priorities; ties fall back to {@code id}
 */
public record AllocationRequest(String id, int nodes, Set<String> labels, int priority, Instant queuedAt) {

    /** Service order: priority (higher first), then age (older first), then id. */
    public static final Comparator<AllocationRequest> ORDER =
            Comparator.comparingInt(AllocationRequest::priority).reversed()
                    .thenComparing(AllocationRequest::queuedAt)
                    .thenComparing(AllocationRequest::id);

    public AllocationRequest {
        labels = labels == null ? Set.of() : Set.copyOf(labels);
    }
}
