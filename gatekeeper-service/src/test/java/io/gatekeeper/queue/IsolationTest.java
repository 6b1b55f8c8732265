package io.gatekeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Culprit isolation, its evidence, unexplained failures and later-pass validation. */
class IsolationTest {

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void isolation_findsTheOneCulprit_andLandsTheRest(Isolation isolation) {
        World w = new World(Engines.unscreened(isolation, 8, 8), 8);
        w.breaks.put(5L, "unit");
        w.queue(1, 2, 3, 4, 5, 6, 7, 8);
        w.runUntilIdle();

        assertThat(w.rejected).containsOnlyKeys(5L);
        assertThat(w.landedRequests).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 6L, 7L, 8L);
        assertThat(w.rejected.get(5L)).contains("tier 'unit' failed with this request alone", "Break5",
                "evidence: candidate 2 (7 requests) failed unit");
        assertThat(w.unexplained).isEmpty();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void whatOneRoundOfIsolationClears_landsAsOneBatch() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.breaks.put(5L, "unit");
        w.queue(1, 2, 3, 4, 5, 6, 7, 8);
        w.runUntilIdle();

        assertThat(w.rejected).containsOnlyKeys(5L);
        assertThat(w.landedRequests).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 6L, 7L, 8L);
        // the batch before the failure, what round 1 cleared ({2, 3} and {6, 7, 8}), what round 2 cleared ({4})
        assertThat(w.landedCandidates).as("fast-forwards").hasSize(3);
        assertThat(w.actions(Action.Land.class)).extracting(Action.Land::requestIds)
                .contains(List.of(2L, 3L, 6L, 7L, 8L));
        assertThat(w.violations).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void isolation_findsTwoCulpritsOfDifferentTiers(Isolation isolation) {
        World w = new World(Engines.unscreened(isolation, 8, 8), 8);
        w.breaks.put(3L, "unit");
        w.breaks.put(7L, "system");
        w.queue(1, 2, 3, 4, 5, 6, 7, 8);
        w.runUntilIdle();

        assertThat(w.rejected).containsOnlyKeys(3L, 7L);
        assertThat(w.rejected.get(7L)).contains("tier 'system'", "Break7");
        assertThat(w.landedRequests).containsExactlyInAnyOrder(1L, 2L, 4L, 5L, 6L, 8L);
        assertThat(w.violations).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Isolation.class)
    void isolation_worksBehindScreens(Isolation isolation) {
        World w = new World(Engines.screened(isolation, 8, 8), 8);
        w.breaks.put(2L, "unit");
        w.breaks.put(6L, "system");
        w.queue(1, 2, 3, 4, 5, 6, 7, 8);
        w.runUntilIdle();

        assertThat(w.rejected).containsOnlyKeys(2L, 6L);
        assertThat(w.landedRequests).containsExactlyInAnyOrder(1L, 3L, 4L, 5L, 7L, 8L);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void isolation_evidenceNamesThePartsThatPassedAndFailed() {
        World w = new World(Engines.unscreened(Isolation.BISECT, 8, 8), 8);
        w.breaks.put(4L, "unit");
        w.queue(1, 2, 3, 4, 5, 6, 7, 8);
        w.runUntilIdle();

        // Batch 2..8 failed; halves [2,3,4] and [5..8]; then [2] and [3,4]; then [3] and [4].
        assertThat(w.rejected.get(4L)).contains("candidate 2 (7 requests) failed unit",
                "(3 requests) failed unit", "(4 requests) passed unit", "(2 requests) failed unit",
                "(1 request) passed unit");
    }

    @Test
    void allPartsPass_isRecordedAsAnUnexplainedFailure_andEveryRequestLands() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.flakeNext.add("2/unit");
        w.queue(1, 2, 3, 4, 5, 6, 7, 8);
        w.runUntilIdle();

        assertThat(w.rejected).isEmpty();
        assertThat(w.landedRequests).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(w.unexplained).singleElement().satisfies(u -> {
            assertThat(u.candidateId()).isEqualTo(2);
            assertThat(u.tier()).isEqualTo("unit");
            assertThat(u.failedTests()).containsExactly("FlakyTest");
            assertThat(u.evidence()).contains("candidate 2 (7 requests) failed unit", "passed unit");
        });
    }

    @Test
    void aLoneRequestsUncorroboratedFailureIsRetriedOnce_soAFlakeDoesNotRejectIt() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.flakeNext.add("1/unit");
        w.queue(1);
        w.runUntilIdle();

        assertThat(w.rejected).isEmpty();
        assertThat(w.landedRequests).containsExactly(1L);
        assertThat(w.unexplained).hasSize(1);
    }

    @Test
    void laterPass_aDescendantThatPassedTheFailedTierValidatesTheFailedCandidate() {
        QueueEngine engine = Engines.unscreened(Isolation.SQRT, 8, 8);
        Instant t = World.T0;
        List<String> tiers = List.of("unit", "system");
        engine.handle(new Event.RequestQueued(QueuedRequest.of(1, t)), t);
        engine.handle(new Event.RequestQueued(QueuedRequest.of(2, t)), t);
        engine.handle(new Event.CandidateBuilt(1, tiers), t);
        t = t.plus(Duration.ofMinutes(10));
        assertThat(engine.handle(new Event.Tick(), t))
                .contains(new Action.BuildCandidate(2, OptionalLong.of(1), List.of(2L)));
        engine.handle(new Event.CandidateBuilt(2, tiers), t);
        engine.handle(new Event.TierPassed(2, "unit", Duration.ofMinutes(5)), t.plus(Duration.ofMinutes(5)));

        List<Action> onFailure = engine.handle(new Event.TierFailed(1, "unit", "tests failed",
                List.of("FlakyTest"), Duration.ofMinutes(20)), t.plus(Duration.ofMinutes(6)));
        assertThat(onFailure).containsExactly(new Action.CancelCandidate(1));

        List<Action> onPass = engine.handle(new Event.TierPassed(2, "system", Duration.ofMinutes(60)),
                t.plus(Duration.ofMinutes(65)));
        assertThat(onPass).containsExactly(new Action.Land(2, List.of(1L, 2L), OptionalLong.of(1)));

        List<Action> onLanded = engine.handle(new Event.Landed(2), t.plus(Duration.ofMinutes(65)));
        assertThat(onLanded).singleElement().isInstanceOfSatisfying(Action.UnexplainedFailure.class, u -> {
            assertThat(u.candidateId()).isEqualTo(1);
            assertThat(u.evidence()).contains("candidate 2, built on it, passed unit");
        });
    }
}
