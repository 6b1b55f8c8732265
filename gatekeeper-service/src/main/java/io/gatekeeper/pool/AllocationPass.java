package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.AllocationPlan;
import io.gatekeeper.runner.pool.AllocationState;
import io.gatekeeper.runner.pool.Allocator;
import io.gatekeeper.runner.pool.NodeState;
import io.gatekeeper.runner.pool.RunState;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One allocation pass inside a pool change: the pure {@link Allocator} decides, the ledger records each grant
 * (all of a cluster's nodes at once). A request the pool cannot serve at all waits {@code waitForNodes} for
 * nodes to register, then ends as an infrastructure error. Used under the pool's lock only.
 */
final class AllocationPass {
    private final PoolSettings settings;
    private final Map<Long, Instant> unsatisfiableSince = new HashMap<>();

    AllocationPass(PoolSettings settings) {
        this.settings = settings;
    }

    /** Grants what the pool can grant now; gives up on requests no node set can serve after a while. */
    void run(PoolLedger l) {
        List<AllocationRow> waiting = l.dao.allocationsIn(AllocationState.REQUESTED.wireName());
        if (waiting.isEmpty()) {
            unsatisfiableSince.clear();
            return;
        }
        List<NodeRow> nodes = l.dao.nodes();
        AllocationPlan plan = Allocator.plan(nodes.stream().map(NodeRow::toPoolNode).toList(),
                waiting.stream().map(AllocationRow::toRequest).toList());
        Map<Long, AllocationRow> byId = new HashMap<>();
        waiting.forEach(a -> byId.put(a.id(), a));
        for (AllocationPlan.Grant grant : plan.grants()) {
            l.grant(byId.get(Long.parseLong(grant.requestId())), grant.nodes());
        }
        List<Long> unsatisfiable = plan.unsatisfiable().stream().map(Long::parseLong).toList();
        unsatisfiableSince.keySet().retainAll(unsatisfiable);
        for (long id : unsatisfiable) {
            AllocationRow a = byId.get(id);
            long matching = nodes.stream().map(NodeRow::toPoolNode)
                    .filter(n -> n.state() != NodeState.LOST && n.matches(a.toRequest()))
                    .count();
            String why = "the pool has " + matching + " usable node" + (matching == 1 ? "" : "s")
                    + (a.labels().isEmpty() ? "" : " labelled " + a.labels()) + ", the tier needs " + a.nodes();
            Instant since = unsatisfiableSince.putIfAbsent(id, l.now);
            if (since == null) {
                l.emit(a.runId(), o -> o.note(why + "; waiting up to " + settings.waitForNodes().toSeconds()
                        + "s for more to register"));
            } else if (!since.plus(settings.waitForNodes()).isAfter(l.now)) {
                String message = "no nodes for this tier: " + why;
                l.end(a.runId(), RunState.Event.INFRA_ERROR, AllocationState.Event.CANCEL, message,
                        RunEnd.infra(RunState.INFRA_ERROR, message));
                unsatisfiableSince.remove(id);
            }
        }
    }
}
