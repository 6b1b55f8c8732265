package io.gatekeeper.runner.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which waiting tiers get nodes now. Pure: the service loads nodes and waiting requests, calls
 * {@link #plan}, and records the grants.
 *
 * <ul>
 * <li>All or none: a request is granted all its nodes at once or nothing, from idle nodes only. Nothing ever
 *     holds part of a cluster while waiting, so tiers cannot deadlock on each other.</li>
 * <li>Never more than the pool: each idle node goes to at most one grant per plan.</li>
 * <li>Fair: requests are served in {@link AllocationRequest#ORDER}. One that cannot be served yet reserves the
 *     idle nodes it matches, so smaller requests behind it cannot starve it; they may still take nodes it
 *     cannot use (other labels).</li>
 * <li>A request for more matching nodes than the pool has (lost nodes left out) is unsatisfiable rather than
 *     blocking the queue forever.</li>
 * <li>Best fit: among matching idle nodes, those with the fewest labels go first, keeping special nodes free
 *     for the requests that need them.</li>
 * </ul>
 */
public final class Allocator {
    private static final Comparator<PoolNode> BEST_FIT =
            Comparator.comparingInt((PoolNode n) -> n.labels().size()).thenComparing(PoolNode::name);

    private Allocator() {
    }

    public static AllocationPlan plan(Collection<PoolNode> nodes, Collection<AllocationRequest> waiting) {
        List<PoolNode> idle = nodes.stream().filter(n -> n.state() == NodeState.IDLE).sorted(BEST_FIT).toList();
        List<PoolNode> present = nodes.stream().filter(n -> n.state() != NodeState.LOST).toList();
        Set<String> taken = new HashSet<>();
        List<AllocationPlan.Grant> grants = new ArrayList<>();
        List<String> unsatisfiable = new ArrayList<>();
        for (AllocationRequest request : waiting.stream().sorted(AllocationRequest.ORDER).toList()) {
            if (request.nodes() < 1 || present.stream().filter(n -> n.matches(request)).count() < request.nodes()) {
                unsatisfiable.add(request.id());
                continue;
            }
            List<String> free = idle.stream()
                    .filter(n -> n.matches(request) && !taken.contains(n.name()))
                    .map(PoolNode::name)
                    .toList();
            if (free.size() >= request.nodes()) {
                List<String> granted = free.subList(0, request.nodes());
                grants.add(new AllocationPlan.Grant(request.id(), granted));
                taken.addAll(granted);
            } else {
                taken.addAll(free);
            }
        }
        return new AllocationPlan(grants, unsatisfiable);
    }
}
