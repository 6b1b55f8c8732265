package io.gatekeeper.runner.pool;

import io.gatekeeper.runner.tier.TierResult.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateMachinesTest {

    @Test
    void node_livesThroughAllocationAndReturnsToIdle() {
        NodeState s = NodeState.IDLE.on(NodeState.Event.ALLOCATE);
        assertThat(s).isEqualTo(NodeState.ALLOCATED);
        s = s.on(NodeState.Event.START);
        assertThat(s).isEqualTo(NodeState.BUSY);
        assertThat(s.on(NodeState.Event.RELEASE)).isEqualTo(NodeState.IDLE);
    }

    @Test
    void node_cannotBeAllocatedTwiceOrStartedWithoutAllocation() {
        assertThatThrownBy(() -> NodeState.ALLOCATED.on(NodeState.Event.ALLOCATE))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("NodeState ALLOCATED does not accept ALLOCATE");
        assertThat(NodeState.IDLE.tryOn(NodeState.Event.START)).isEmpty();
        assertThat(NodeState.BUSY.tryOn(NodeState.Event.ALLOCATE)).isEmpty();
    }

    @Test
    void node_lostStaysLostUntilItRegistersAgain() {
        NodeState lost = NodeState.BUSY.on(NodeState.Event.MISS_HEARTBEATS);
        assertThat(lost).isEqualTo(NodeState.LOST);
        assertThat(lost.on(NodeState.Event.RELEASE)).isEqualTo(NodeState.LOST);
        assertThat(lost.tryOn(NodeState.Event.ALLOCATE)).isEmpty();
        assertThat(lost.on(NodeState.Event.REGISTER)).isEqualTo(NodeState.IDLE);
    }

    @Test
    void node_restartedRunnerIsIdleWhateverItHeld() {
        for (NodeState s : NodeState.values()) {
            assertThat(s.on(NodeState.Event.REGISTER)).isEqualTo(NodeState.IDLE);
        }
    }

    @Test
    void states_wireNamesRoundTrip() {
        assertThat(Arrays.stream(NodeState.values()).map(NodeState::wireName))
                .containsExactly("idle", "allocated", "busy", "lost");
        assertThat(Arrays.stream(RunState.values()).map(RunState::wireName))
                .containsExactly("queued", "inaugurating", "running", "passed", "failed", "infra-error",
                        "cancelled");
        for (RunState s : RunState.values()) {
            assertThat(RunState.fromWire(s.wireName())).isEqualTo(s);
        }
        for (NodeState s : NodeState.values()) {
            assertThat(NodeState.fromWire(s.wireName())).isEqualTo(s);
        }
        for (AllocationState s : AllocationState.values()) {
            assertThat(AllocationState.fromWire(s.wireName())).isEqualTo(s);
        }
    }

    @Test
    void run_happyPathEndsPassed() {
        RunState s = RunState.QUEUED.on(RunState.Event.ALLOCATED).on(RunState.Event.ALL_READY)
                .on(RunState.Event.PASS);
        assertThat(s).isEqualTo(RunState.PASSED);
        assertThat(s.terminal()).isTrue();
        assertThat(s.verdict()).isTrue();
    }

    @Test
    void run_inaugurationFailureIsAnInfraErrorNotAVerdict() {
        RunState s = RunState.QUEUED.on(RunState.Event.ALLOCATED).on(RunState.Event.INFRA_ERROR);
        assertThat(s).isEqualTo(RunState.INFRA_ERROR);
        assertThat(RunState.QUEUED.on(RunState.Event.INFRA_ERROR)).as("no nodes came for it")
                .isEqualTo(RunState.INFRA_ERROR);
        assertThat(s.terminal()).isTrue();
        assertThat(s.verdict()).isFalse();
    }

    @Test
    void run_cannotPassBeforeEveryNodeIsReady() {
        assertThat(RunState.INAUGURATING.tryOn(RunState.Event.PASS)).isEmpty();
        assertThat(RunState.QUEUED.tryOn(RunState.Event.ALL_READY)).isEmpty();
    }

    @Test
    void run_cancelReachesEveryLiveStateAndIsIgnoredAfterTheEnd() {
        for (RunState s : RunState.values()) {
            if (s.terminal()) {
                assertThat(s.tryOn(RunState.Event.CANCEL)).as(s.name()).isEmpty();
            } else {
                assertThat(s.on(RunState.Event.CANCEL)).isEqualTo(RunState.CANCELLED);
            }
        }
    }

    @Test
    void run_timeoutCountsAsTheChangesFailure() {
        assertThat(RunState.Event.of(Outcome.TIMED_OUT)).isEqualTo(RunState.Event.FAIL);
        assertThat(RunState.Event.of(Outcome.FAILED)).isEqualTo(RunState.Event.FAIL);
        assertThat(RunState.Event.of(Outcome.PASSED)).isEqualTo(RunState.Event.PASS);
        assertThat(RunState.Event.of(Outcome.INFRA_ERROR)).isEqualTo(RunState.Event.INFRA_ERROR);
        assertThat(RunState.Event.of(Outcome.CANCELLED)).isEqualTo(RunState.Event.CANCEL);
    }

    @Test
    void allocation_leaseExpiresOnlyWhileGranted() {
        AllocationState granted = AllocationState.REQUESTED.on(AllocationState.Event.GRANT);
        assertThat(granted.on(AllocationState.Event.RENEW)).isEqualTo(AllocationState.GRANTED);
        assertThat(granted.on(AllocationState.Event.EXPIRE)).isEqualTo(AllocationState.EXPIRED);
        assertThat(AllocationState.REQUESTED.tryOn(AllocationState.Event.EXPIRE)).isEmpty();
        assertThat(AllocationState.RELEASED.terminal()).isTrue();
        assertThat(AllocationState.EXPIRED.tryOn(AllocationState.Event.RENEW)).isEmpty();
    }
}
