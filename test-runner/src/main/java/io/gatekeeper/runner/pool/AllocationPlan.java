package io.gatekeeper.runner.pool;

import java.util.List;

/**
 * What the allocator decided: the grants to record (each in one transaction with its nodes' moves to
 * {@code allocated}), and the requests no pool of this shape can ever serve.
 */
public record AllocationPlan(List<Grant> grants, List<String> unsatisfiable) {

    /** All of a request's nodes, in cluster order: the first is the primary. */
    public record Grant(String requestId, List<String> nodes) {
        public Grant {
            nodes = List.copyOf(nodes);
        }
    }

    public AllocationPlan {
        grants = List.copyOf(grants);
        unsatisfiable = List.copyOf(unsatisfiable);
    }
}
