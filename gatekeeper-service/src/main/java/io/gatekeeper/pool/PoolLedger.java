package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.AllocationState;
import io.gatekeeper.runner.pool.NodeState;
import io.gatekeeper.runner.pool.RunState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The pool's transitions inside one database transaction. Every move goes through the runner module's state
 * machines (an illegal one is a bug and throws) and is written as a compare-and-set on the state it read. What
 * observers must hear is collected, to be told only once the transaction committed.
 */
final class PoolLedger {
    /** A call for a run's observer; {@code last} when it is the run's end. */
    record Emitted(long runId, Consumer<RunObserver> call, boolean last) {
    }

    final PoolDao dao;
    final Instant now;
    final List<Emitted> emitted = new ArrayList<>();
    /** A run or an allocation moved: long-polls must look again. */
    boolean moved;

    PoolLedger(PoolDao dao, Instant now) {
        this.dao = dao;
        this.now = now;
    }

    void emit(long runId, Consumer<RunObserver> call) {
        emitted.add(new Emitted(runId, call, false));
    }

    /** Gives an allocation all its nodes at once and starts its run's inauguration. */
    void grant(AllocationRow allocation, List<String> nodes) {
        AllocationState granted = allocation.allocationState().on(AllocationState.Event.GRANT);
        check(dao.grantAllocation(granted.wireName(), now, allocation.id(), allocation.state()), allocation);
        for (int i = 0; i < nodes.size(); i++) {
            NodeRow node = dao.node(nodes.get(i)).orElseThrow();
            move(node, node.nodeState().on(NodeState.Event.ALLOCATE), allocation.id());
            dao.insertMember(allocation.id(), i, node.name(), now);
        }
        PoolRunRow run = dao.run(allocation.runId()).orElseThrow();
        RunState inaugurating = run.runState().on(RunState.Event.ALLOCATED);
        check(dao.moveRun(inaugurating.wireName(), null, null, run.id(), run.state()), run);
        List<String> cluster = List.copyOf(nodes);
        emit(run.id(), o -> o.granted(cluster));
        moved = true;
    }

    /** Every node is ready: the run is running and its nodes are busy. */
    void start(PoolRunRow run, AllocationRow allocation) {
        RunState running = run.runState().on(RunState.Event.ALL_READY);
        check(dao.moveRun(running.wireName(), null, null, run.id(), run.state()), run);
        for (NodeRow node : dao.nodesOf(allocation.id())) {
            move(node, node.nodeState().on(NodeState.Event.START), allocation.id());
        }
        emit(run.id(), RunObserver::started);
        moved = true;
    }

    /**
     * Ends a run if it has not ended: the run by {@code runEvent}, its allocation by {@code allocationEvent}
     * (a waiting one is withdrawn), its nodes back to idle (lost ones stay lost).
     *
     * @return the run's end state, or empty when it had ended already (or this event comes too late)
     */
    Optional<RunState> end(long runId, RunState.Event runEvent, AllocationState.Event allocationEvent,
                           String message, RunEnd told) {
        PoolRunRow run = dao.run(runId).orElse(null);
        if (run == null) {
            return Optional.empty();
        }
        Optional<RunState> to = run.runState().tryOn(runEvent);
        if (to.isEmpty()) {
            return to;
        }
        check(dao.moveRun(to.get().wireName(), truncate(message), now, runId, run.state()), run);
        for (AllocationRow allocation : dao.allocationsOfRun(runId)) {
            AllocationState state = allocation.allocationState();
            if (state.terminal()) {
                continue;
            }
            AllocationState ended = state == AllocationState.REQUESTED
                    ? state.on(AllocationState.Event.CANCEL) : state.on(allocationEvent);
            check(dao.endAllocation(ended.wireName(), now, allocation.id(), allocation.state()), allocation);
            for (NodeRow node : dao.nodesOf(allocation.id())) {
                move(node, node.nodeState().on(NodeState.Event.RELEASE), null);
            }
        }
        RunEnd end = new RunEnd(to.get(), told.outcome(), told.exitCode(), told.message(), told.took(),
                told.reports());
        emitted.add(new Emitted(runId, o -> o.ended(end), true));
        moved = true;
        return to;
    }

    /** The node stopped heartbeating: lost, and the run it held is an infrastructure error. */
    void lose(NodeRow node, String message) {
        move(node, node.nodeState().on(NodeState.Event.MISS_HEARTBEATS), node.allocationId());
        moved = true;
        if (node.allocationId() != null) {
            endAllocationRun(node.allocationId(), AllocationState.Event.EXPIRE, message);
        }
    }

    /** A known name registered again: what its old incarnation held is lost, and the node is idle. */
    void reregister(NodeRow node, String message) {
        if (node.allocationId() != null) {
            endAllocationRun(node.allocationId(), AllocationState.Event.EXPIRE, message);
            node = dao.node(node.name()).orElseThrow();
        }
        move(node, node.nodeState().on(NodeState.Event.REGISTER), null);
        moved = true;
    }

    /** Ends the run of an allocation as an infrastructure error. */
    void endAllocationRun(long allocationId, AllocationState.Event allocationEvent, String message) {
        dao.allocation(allocationId).ifPresent(a -> end(a.runId(), RunState.Event.INFRA_ERROR, allocationEvent,
                message, RunEnd.infra(RunState.INFRA_ERROR, message)));
    }

    private void move(NodeRow node, NodeState to, Long allocationId) {
        if (dao.moveNode(to.wireName(), allocationId, node.name(), node.state()) != 1) {
            throw new IllegalStateException("node " + node.name() + " moved under the pool's lock");
        }
    }

    private static void check(int updated, Object row) {
        if (updated != 1) {
            throw new IllegalStateException("stale pool row: " + row);
        }
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 3900 ? message : message.substring(0, 3900);
    }
}
