package io.gatekeeper.runner.pool;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AllocatorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void plan_grantsAllOrNone() {
        List<PoolNode> pool = List.of(idle("a"), idle("b"), idle("c"));

        AllocationPlan plan = Allocator.plan(pool, List.of(request("r1", 2, 0), request("r2", 2, 1)));

        assertThat(plan.grants()).containsExactly(new AllocationPlan.Grant("r1", List.of("a", "b")));
        assertThat(plan.unsatisfiable()).isEmpty();
    }

    @Test
    void plan_servesHigherPriorityFirstThenOlder() {
        List<PoolNode> pool = List.of(idle("a"), idle("b"));
        AllocationRequest old = request("old", 1, 0);
        AllocationRequest young = request("young", 1, 5);
        AllocationRequest urgent = new AllocationRequest("urgent", 1, Set.of(), 10, T0.plusSeconds(9));

        AllocationPlan plan = Allocator.plan(pool, List.of(young, old, urgent));

        assertThat(plan.grants()).extracting(AllocationPlan.Grant::requestId).containsExactly("urgent", "old");
    }

    @Test
    void plan_blockedRequestReservesItsNodesSoSmallerOnesCannotStarveIt() {
        List<PoolNode> pool = List.of(idle("a"), idle("b"), node("c", NodeState.BUSY));

        AllocationPlan plan = Allocator.plan(pool, List.of(request("big", 3, 0), request("small", 1, 1)));

        assertThat(plan.grants()).isEmpty();
    }

    @Test
    void plan_laterRequestUsesNodesTheBlockedOneCannotUse() {
        List<PoolNode> pool = List.of(idle("gpu1", "gpu"), node("gpu2", NodeState.BUSY, "gpu"), idle("plain"));
        AllocationRequest gpus = new AllocationRequest("gpus", 2, Set.of("gpu"), 0, T0);

        AllocationPlan plan = Allocator.plan(pool, List.of(gpus, request("any", 1, 1)));

        assertThat(plan.grants()).containsExactly(new AllocationPlan.Grant("any", List.of("plain")));
    }

    @Test
    void plan_needsEveryRequestedLabelAndPrefersPlainNodes() {
        List<PoolNode> pool = List.of(idle("big", "linux", "large"), idle("small", "linux"), idle("mac", "macos"));
        AllocationRequest linux = new AllocationRequest("linux", 1, Set.of("linux"), 0, T0);
        AllocationRequest large = new AllocationRequest("large", 1, Set.of("linux", "large"), 0, T0.plusSeconds(1));

        AllocationPlan plan = Allocator.plan(pool, List.of(linux, large));

        assertThat(plan.grants()).containsExactly(
                new AllocationPlan.Grant("linux", List.of("small")),
                new AllocationPlan.Grant("large", List.of("big")));
    }

    @Test
    void plan_requestLargerThanThePoolIsUnsatisfiableAndBlocksNobody() {
        List<PoolNode> pool = List.of(idle("a"), idle("b"), node("c", NodeState.LOST));

        AllocationPlan plan = Allocator.plan(pool, List.of(request("huge", 3, 0), request("zero", 0, 1),
                request("fits", 2, 2)));

        assertThat(plan.unsatisfiable()).containsExactly("huge", "zero");
        assertThat(plan.grants()).containsExactly(new AllocationPlan.Grant("fits", List.of("a", "b")));
    }

    @Test
    void plan_neverGrantsHeldOrLostNodes() {
        List<PoolNode> pool = List.of(node("a", NodeState.ALLOCATED), node("b", NodeState.BUSY),
                node("c", NodeState.LOST), idle("d"));

        AllocationPlan plan = Allocator.plan(pool, List.of(request("r1", 1, 0), request("r2", 1, 1)));

        assertThat(plan.grants()).containsExactly(new AllocationPlan.Grant("r1", List.of("d")));
    }

    @Test
    void contention_fiveRequestsOfTwoNodesFromAPoolOfThreeAllCompleteInOrder() {
        Pool pool = new Pool("n1", "n2", "n3");
        for (int i = 1; i <= 5; i++) {
            pool.request(request("r" + i, 2, i));
        }

        List<String> grantOrder = pool.runToCompletion(50);

        assertThat(grantOrder).containsExactly("r1", "r2", "r3", "r4", "r5");
        assertThat(pool.maxHeld).isEqualTo(2);
        assertThat(pool.nodes.values()).allMatch(s -> s == NodeState.IDLE);
    }

    @Test
    void contention_mixedSizesNeverExceedThePoolAndAllComplete() {
        Pool pool = new Pool("n1", "n2", "n3");
        int[] sizes = {2, 1, 3, 1, 2, 2, 1, 3};
        for (int i = 0; i < sizes.length; i++) {
            pool.request(request("r" + i, sizes[i], i));
        }

        List<String> grantOrder = pool.runToCompletion(100);

        assertThat(grantOrder).containsExactlyInAnyOrder("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
        assertThat(pool.maxHeld).isLessThanOrEqualTo(3);
        // r2 (3 nodes) is not overtaken by the 1- and 2-node requests queued after it.
        assertThat(grantOrder.indexOf("r2")).isLessThan(grantOrder.indexOf("r3"));
    }

    private static AllocationRequest request(String id, int nodes, int ageRank) {
        return new AllocationRequest(id, nodes, Set.of(), 0, T0.plusSeconds(ageRank));
    }

    private static PoolNode idle(String name, String... labels) {
        return node(name, NodeState.IDLE, labels);
    }

    private static PoolNode node(String name, NodeState state, String... labels) {
        return new PoolNode(name, new HashSet<>(Arrays.asList(labels)), state);
    }

    /** A pool driven through the state machines: plan, grant, then finish the oldest allocation, repeat. */
    private static final class Pool {
        final Map<String, NodeState> nodes = new LinkedHashMap<>();
        final List<AllocationRequest> waiting = new ArrayList<>();
        final List<List<String>> running = new ArrayList<>();
        int maxHeld;

        Pool(String... names) {
            for (String n : names) {
                nodes.put(n, NodeState.IDLE);
            }
        }

        void request(AllocationRequest r) {
            waiting.add(r);
        }

        List<String> runToCompletion(int maxRounds) {
            List<String> granted = new ArrayList<>();
            for (int round = 0; round < maxRounds && (!waiting.isEmpty() || !running.isEmpty()); round++) {
                List<PoolNode> view = nodes.entrySet().stream()
                        .map(e -> new PoolNode(e.getKey(), Set.of(), e.getValue())).toList();
                AllocationPlan plan = Allocator.plan(view, waiting);
                assertThat(plan.unsatisfiable()).isEmpty();
                for (AllocationPlan.Grant g : plan.grants()) {
                    // on() throws if a node were granted while not idle: never two allocations on one node.
                    g.nodes().forEach(n -> nodes.put(n, nodes.get(n).on(NodeState.Event.ALLOCATE)));
                    waiting.removeIf(r -> r.id().equals(g.requestId()));
                    running.add(g.nodes());
                    granted.add(g.requestId());
                }
                long held = nodes.values().stream().filter(NodeState::held).count();
                maxHeld = (int) Math.max(maxHeld, held);
                assertThat(held).isLessThanOrEqualTo(nodes.size());
                if (running.isEmpty()) {
                    assertThat(waiting).as("no progress although nothing runs: deadlock").isEmpty();
                    continue;
                }
                List<String> done = running.remove(0);
                done.forEach(n -> nodes.put(n, nodes.get(n).on(NodeState.Event.START).on(NodeState.Event.RELEASE)));
            }
            assertThat(waiting).as("requests still waiting").isEmpty();
            assertThat(running).isEmpty();
            return granted;
        }
    }
}
