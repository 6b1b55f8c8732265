package io.gatekeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The published algorithms the gatekeeper policy is measured against behave as published. */
class BaselinePoliciesTest {

    private static World world(String strategy, int slots, int batchMax) {
        return new World(QueueEngines.create(strategy, new EngineSettings(batchMax, slots, 1),
                new SplittableRandom(1)), slots);
    }

    @Test
    void speculative_oneChangePerCandidate_eachBuiltOnTheOneAhead_allTiersAtOnce() {
        World w = world("speculative", 16, 8);
        w.queue(1, 2, 3);
        w.runFor(Duration.ZERO);

        List<Action.BuildCandidate> builds = w.actions(Action.BuildCandidate.class);
        assertThat(builds).extracting(Action.BuildCandidate::requestIds)
                .containsExactly(List.of(1L), List.of(2L), List.of(3L));
        assertThat(builds.get(1).parent()).hasValue(builds.get(0).candidateId());
        assertThat(builds.get(2).parent()).hasValue(builds.get(1).candidateId());
        assertThat(w.runningTiers(builds.get(0).candidateId())).containsExactlyInAnyOrder("unit", "system");
    }

    @Test
    void speculative_rejectsTheFailingChange_andLandsTheOthersRebuiltWithoutIt() {
        World w = world("speculative", 16, 8);
        w.breaks.put(2L, "system");
        w.queue(1, 2, 3);
        w.runUntilIdle();

        assertThat(w.rejected).containsOnlyKeys(2L);
        assertThat(w.landedRequests).containsExactly(1L, 3L);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void bisect_oneBatchAtATimeOnHead_halvesOnFailure_downToTheCulprit() {
        World w = world("bisect", 16, 8);
        w.breaks.put(6L, "unit");
        w.queue(1);
        w.runFor(Duration.ZERO);
        w.queue(2, 3, 4, 5, 6, 7, 8, 9);
        w.runUntilIdle();

        List<Action.BuildCandidate> builds = w.actions(Action.BuildCandidate.class);
        assertThat(builds).allMatch(b -> b.parent().isEmpty());
        assertThat(builds).extracting(Action.BuildCandidate::requestIds).startsWith(List.of(1L),
                List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), List.of(2L, 3L, 4L, 5L), List.of(6L, 7L, 8L, 9L),
                List.of(6L, 7L));
        assertThat(w.rejected).containsOnlyKeys(6L);
        assertThat(w.landedRequests).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 7L, 8L, 9L);
    }

    @Test
    void serial_oneRequestAtATime_tiersInOrder() {
        World w = world("serial", 16, 8);
        w.queue(1, 2);
        w.runFor(Duration.ZERO);
        assertThat(w.actions(Action.BuildCandidate.class)).hasSize(1);
        assertThat(w.runningTiers(1)).containsExactly("unit");
        w.runUntilIdle();
        assertThat(w.landedRequests).containsExactly(1L, 2L);
    }

    @Test
    void oracle_rejectsBadRequestsUntested_andRerunsAFlakedTier() {
        World w = new World(QueueEngines.oracle(new EngineSettings(8, 16, 1), id -> id == 2), 16);
        w.flakeNext.add("1/system");
        w.queue(1, 2, 3);
        w.runUntilIdle();

        assertThat(w.rejected).containsOnlyKeys(2L);
        assertThat(w.landedRequests).containsExactlyInAnyOrder(1L, 3L);
        assertThat(w.actions(Action.RunTier.class)).filteredOn(r -> r.candidateId() == 1 && r.tier().equals("system"))
                .hasSize(2);
    }

    @Test
    void factory_refusesUnknownNamesAndTheOracle() {
        EngineSettings settings = EngineSettings.defaults();
        assertThatThrownBy(() -> QueueEngines.create("zuul", settings, new SplittableRandom(1)))
                .hasMessageContaining("unknown queue strategy 'zuul'");
        assertThatThrownBy(() -> QueueEngines.create("oracle", settings, new SplittableRandom(1)))
                .hasMessageContaining("only the simulator");
    }
}
