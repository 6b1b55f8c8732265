package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.Liveness;
import io.gatekeeper.runner.pool.NodeState;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which nodes are lost and which leases expired, decided from rows and a clock. Pure. Times before
 * {@code baseline} (the service's start) count as the baseline: a service that was down must not declare its
 * whole pool lost for heartbeats it could not receive.
 */
record Sweep(List<NodeRow> lost, List<MemberRow> expired) {

    static Sweep plan(List<NodeRow> nodes, List<MemberRow> granted, Liveness liveness, Instant baseline,
                      Instant now) {
        List<NodeRow> lost = nodes.stream()
                .filter(n -> n.nodeState() != NodeState.LOST)
                .filter(n -> liveness.lost(later(n.lastHeartbeat(), baseline), now))
                .toList();
        Set<String> lostNames = lost.stream().map(NodeRow::name).collect(Collectors.toSet());
        List<MemberRow> expired = granted.stream()
                .filter(m -> !lostNames.contains(m.nodeName()))
                .filter(m -> liveness.expired(later(m.renewedAt(), baseline), now))
                .toList();
        return new Sweep(lost, expired);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
