package io.gatekeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Batching, tier staging, capacity and fail-fast rebuilds of the gatekeeper chain, on a virtual clock. */
class GatekeeperChainTest {

    @Test
    void batch_firstRequestStartsAtOnceAndLaterOnesAreBatchedUpToBatchMax() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 4), 8);
        w.queue(1, 2, 3, 4, 5, 6);
        w.runFor(Duration.ZERO);

        List<Action.BuildCandidate> builds = w.actions(Action.BuildCandidate.class);
        assertThat(builds).hasSize(2);
        assertThat(builds.get(0).requestIds()).containsExactly(1L);
        assertThat(builds.get(0).parent()).isEmpty();
        assertThat(builds.get(1).requestIds()).containsExactly(2L, 3L, 4L, 5L);
        assertThat(builds.get(1).parent()).isEqualTo(OptionalLong.of(builds.get(0).candidateId()));
    }

    @Test
    void batch_aLoneRemainderWaitsForTheHoldThenGoesAlone() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 4), 8);
        w.queue(1, 2, 3, 4, 5, 6);
        w.runFor(Duration.ofMinutes(9));
        assertThat(w.actions(Action.BuildCandidate.class)).hasSize(2);

        w.runFor(Duration.ofMinutes(1));
        List<Action.BuildCandidate> builds = w.actions(Action.BuildCandidate.class);
        assertThat(builds).hasSize(3);
        assertThat(builds.get(2).requestIds()).containsExactly(6L);
        assertThat(builds.get(2).parent()).isEqualTo(OptionalLong.of(builds.get(1).candidateId()));
    }

    @Test
    void staging_expensiveTierStartsOnlyAfterTheCheapOnePassed_whileTheNextCandidateRunsItsCheapTier() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.queue(1, 2);
        w.runFor(Duration.ZERO);
        long c1 = w.actions(Action.BuildCandidate.class).get(0).candidateId();
        assertThat(w.runningTiers(c1)).containsExactly("unit");

        w.runFor(Duration.ofMinutes(5));
        assertThat(w.runningTiers(c1)).containsExactly("system");

        w.runFor(Duration.ofMinutes(5));
        long c2 = w.actions(Action.BuildCandidate.class).get(1).candidateId();
        assertThat(w.runningTiers(c2)).containsExactly("unit");
        assertThat(w.runningTiers(c1)).containsExactly("system");

        w.runUntilIdle();
        assertThat(w.landedRequests).containsExactly(1L, 2L);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void capacity_neverMoreRunsThanSlots_andEverythingLands() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 2, 3), 2);
        for (long id = 1; id <= 30; id++) {
            w.queue(id);
            w.runFor(Duration.ofMinutes(3));
        }
        w.runUntilIdle();

        assertThat(w.maxRunning).isEqualTo(2);
        assertThat(w.violations).isEmpty();
        assertThat(w.landedRequests).hasSize(30);
    }

    @Test
    void capacity_aCandidateIsBuiltOnlyWhenAClusterIsFreeForIt() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 1, 1), 1);
        w.queue(1, 2, 3);
        w.runFor(Duration.ofMinutes(1));

        assertThat(w.actions(Action.BuildCandidate.class)).hasSize(1);
        assertThat(w.engine.view(w.now).entry(2).orElseThrow().candidateId()).isZero();
    }

    @Test
    void failFast_aFailingTierCancelsTheCandidatesBuiltOnItAndRebuildsThemOnTheLastGoodBase() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.breaks.put(1L, "system");
        w.queue(1, 2);
        w.runFor(Duration.ofMinutes(10));
        List<Action.BuildCandidate> builds = w.actions(Action.BuildCandidate.class);
        long c1 = builds.get(0).candidateId();
        long c2 = builds.get(1).candidateId();
        assertThat(builds.get(1).parent()).isEqualTo(OptionalLong.of(c1));

        w.runFor(Duration.ofMinutes(55));
        assertThat(w.cancelled).contains(c1, c2);
        Action.BuildCandidate rebuilt = w.actions(Action.BuildCandidate.class).stream()
                .filter(b -> b.candidateId() > c2 && b.requestIds().equals(List.of(2L))).findFirst().orElseThrow();
        assertThat(rebuilt.parent()).isEmpty();

        w.runUntilIdle();
        assertThat(w.landedRequests).containsExactly(2L);
        assertThat(w.rejected).containsOnlyKeys(1L);
        assertThat(w.rejected.get(1L)).contains("tier 'system'", "Break1");
        assertThat(w.violations).isEmpty();
    }

    @Test
    void window_halvesWhenAFreshChainBatchFails_growsPerLandedRequest_neverBelowItsFloorOf8() {
        GatekeeperPolicy policy = GatekeeperPolicy.standard(Isolation.SQRT, 64);
        TierDurations unknown = new TierDurations();
        Candidate fresh = new Candidate(1, null, new WaitingQueue.Group(
                List.of(QueuedRequest.of(1, World.T0), QueuedRequest.of(2, World.T0)), false, -1, null), World.T0);
        Candidate.Failure failure = new Candidate.Failure("unit", "tests failed", List.of("T"));
        assertThat(policy.depth(64, unknown)).isEqualTo(32);

        policy.onFailure(fresh, failure, null, 0);
        policy.onFailure(fresh, failure, null, 0);
        assertThat(policy.depth(64, unknown)).isEqualTo(16);

        policy.onLanded(3);
        assertThat(policy.depth(64, unknown)).isEqualTo(19);

        for (int i = 0; i < 10; i++) {
            policy.onFailure(fresh, failure, null, 0);
        }
        assertThat(policy.depth(64, unknown)).isEqualTo(8);
    }

    @Test
    void window_anIsolationPartFailingDoesNotShrinkIt() {
        GatekeeperPolicy policy = GatekeeperPolicy.standard(Isolation.SQRT, 8);
        Candidate part = new Candidate(1, null, new WaitingQueue.Group(
                List.of(QueuedRequest.of(1, World.T0), QueuedRequest.of(2, World.T0)), true, 0, null), World.T0);
        FailureRecord origin = new FailureRecord(part, "unit", List.of("T"), null);
        int before = policy.depth(8, new TierDurations());

        policy.onFailure(part, new Candidate.Failure("unit", "", List.of("T")), origin, 0);

        assertThat(policy.depth(8, new TierDurations())).isEqualTo(before);
    }
}
