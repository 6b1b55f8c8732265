package io.gatekeeper.pool;

import java.util.List;

/** Assembles {@link NodeView}s: each node with the allocation, run and cluster place it holds now. */
final class NodeViews {
    private NodeViews() {
    }

    static List<NodeView> of(PoolDao dao) {
        return dao.nodes().stream().map(n -> {
            if (n.allocationId() == null) {
                return view(n, null, null);
            }
            Long run = dao.allocation(n.allocationId()).map(AllocationRow::runId).orElse(null);
            Integer index = dao.members(n.allocationId()).stream().filter(m -> m.nodeName().equals(n.name()))
                    .map(MemberRow::nodeIndex).findFirst().orElse(null);
            return view(n, run, index);
        }).toList();
    }

    private static NodeView view(NodeRow n, Long run, Integer index) {
        return new NodeView(n.name(), n.labelList(), n.host(), n.version(), n.state(), n.allocationId(), run, index,
                n.lastHeartbeat(), n.registeredAt());
    }
}
