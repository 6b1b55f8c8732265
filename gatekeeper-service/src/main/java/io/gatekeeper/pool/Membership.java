package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.AllocationState;

import java.util.Objects;
import java.util.Optional;

/** A node's part in a run: the run, its (latest) allocation, the node's member row and node row. */
record Membership(PoolRunRow run, AllocationRow allocation, MemberRow member, NodeRow node) {

    static Optional<Membership> find(PoolDao dao, String runId, String nodeName) {
        long id;
        try {
            id = Long.parseLong(runId);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<PoolRunRow> run = dao.run(id);
        if (run.isEmpty() || nodeName == null) {
            return Optional.empty();
        }
        return dao.allocationsOfRun(id).stream().findFirst().flatMap(a -> dao.members(a.id()).stream()
                .filter(m -> m.nodeName().equals(nodeName)).findFirst()
                .map(m -> new Membership(run.get(), a, m, dao.node(nodeName).orElse(null))));
    }

    /** The run goes on and this node still holds its allocation. */
    boolean holds() {
        return !run.runState().terminal() && allocation.allocationState() == AllocationState.GRANTED
                && node != null && Objects.equals(node.allocationId(), allocation.id());
    }
}
