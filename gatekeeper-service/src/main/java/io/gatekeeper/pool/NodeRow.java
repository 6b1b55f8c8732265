package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.NodeState;
import io.gatekeeper.runner.pool.PoolNode;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** A runner node as stored; {@code labels} is comma-separated, {@code state} a {@link NodeState} wire name. */
public record NodeRow(String name, String labels, String host, String version, String owner, String state,
                      Long allocationId, Instant registeredAt, Instant lastHeartbeat) {

    public NodeState nodeState() {
        return NodeState.fromWire(state);
    }

    public List<String> labelList() {
        return labels.isEmpty() ? List.of() : Arrays.asList(labels.split(","));
    }

    PoolNode toPoolNode() {
        return new PoolNode(name, Set.copyOf(labelList()), nodeState());
    }

    static String joinLabels(java.util.Collection<String> labels) {
        return String.join(",", new java.util.TreeSet<>(labels));
    }
}
