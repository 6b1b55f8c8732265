package io.gatekeeper.runner.pool;

import java.util.Set;

/** A node as the allocator needs to see it. */
public record PoolNode(String name, Set<String> labels, NodeState state) {
    public PoolNode {
        labels = labels == null ? Set.of() : Set.copyOf(labels);
    }

    /** True if this node carries every label the request asks for. */
    public boolean matches(AllocationRequest request) {
        return labels.containsAll(request.labels());
    }
}
