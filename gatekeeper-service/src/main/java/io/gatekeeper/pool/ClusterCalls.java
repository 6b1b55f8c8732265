package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.NodeState;
import io.gatekeeper.runner.pool.RunState;
import io.gatekeeper.runner.protocol.Directive;

import java.util.Optional;

/** What a node's calls find and change inside a pool change: who it is, its readiness, its directive. */
final class ClusterCalls {
    private ClusterCalls() {
    }

    static void markReady(PoolLedger l, String runId, String nodeName) {
        Optional<Membership> held = Membership.find(l.dao, runId, nodeName).filter(Membership::holds);
        if (held.isEmpty()) {
            return;
        }
        Membership m = held.get();
        l.dao.markReady(l.now, m.allocation().id(), m.member().nodeIndex());
        boolean allReady = l.dao.members(m.allocation().id()).stream().allMatch(MemberRow::ready);
        if (allReady && m.run().runState() == RunState.INAUGURATING) {
            l.start(m.run(), m.allocation());
        }
    }

    static Directive.Action directive(PoolLedger l, String runId, String nodeName) {
        Optional<Membership> held = Membership.find(l.dao, runId, nodeName).filter(Membership::holds);
        if (held.isEmpty()) {
            return Directive.Action.RELEASE;
        }
        if (held.get().run().runState() != RunState.RUNNING) {
            return Directive.Action.WAIT;
        }
        return held.get().member().nodeIndex() == 0 ? Directive.Action.RUN : Directive.Action.HOLD;
    }

    static NodeRow present(PoolLedger l, String nodeName, Caller caller) {
        NodeRow node = l.dao.node(nodeName).orElseThrow(() ->
                new PoolException.NodeGone("node " + nodeName + " is not registered: register again"));
        if (!caller.owns(node)) {
            throw new PoolException.NotYourNode("node " + nodeName + " belongs to another runner user");
        }
        if (node.nodeState() == NodeState.LOST) {
            throw new PoolException.NodeGone("node " + nodeName + " was declared lost: register again");
        }
        return node;
    }
}
