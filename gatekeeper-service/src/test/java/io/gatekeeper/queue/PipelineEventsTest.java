package io.gatekeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How the pipeline reacts to withdrawals, head moves, refused landings, push-requests, freezes and errors. */
class PipelineEventsTest {

    private static World chainOfThree() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.queue(1, 2, 3);
        w.runFor(Duration.ofMinutes(10));
        w.queue(4, 5);
        w.runFor(Duration.ofMinutes(10));
        return w;
    }

    @Test
    void withdrawn_midPipeline_cancelsItsCandidateAndThoseBuiltOnIt_andRebuildsTheRestWithoutIt() {
        World w = chainOfThree();
        List<Action.BuildCandidate> builds = w.actions(Action.BuildCandidate.class);
        assertThat(builds).extracting(Action.BuildCandidate::requestIds)
                .containsExactly(List.of(1L), List.of(2L, 3L), List.of(4L, 5L));

        List<Action> actions = w.send(new Event.RequestWithdrawn(3));

        assertThat(actions).containsSubsequence(new Action.CancelCandidate(3), new Action.CancelCandidate(2));
        assertThat(actions).doesNotContain(new Action.CancelCandidate(1));
        Action.BuildCandidate rebuilt = (Action.BuildCandidate) actions.stream()
                .filter(a -> a instanceof Action.BuildCandidate).findFirst().orElseThrow();
        assertThat(rebuilt.parent()).isEqualTo(OptionalLong.of(1));
        assertThat(rebuilt.requestIds()).contains(2L).doesNotContain(3L);

        w.runUntilIdle();
        assertThat(w.landedRequests).containsExactlyInAnyOrder(1L, 2L, 4L, 5L);
        assertThat(w.rejected).isEmpty();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void withdrawn_whileWaiting_isSimplyDropped() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.queue(1, 2);
        assertThat(w.send(new Event.RequestWithdrawn(2))).isEmpty();
        w.runUntilIdle();
        assertThat(w.landedRequests).containsExactly(1L);
    }

    @Test
    void headMoved_cancelsEverythingBuiltOnTheOldHead_andRebuildsOnTheNewOne() {
        World w = chainOfThree();
        w.head = java.util.Set.of(99L);

        List<Action> actions = w.send(new Event.HeadMoved());

        assertThat(actions).contains(new Action.CancelCandidate(1), new Action.CancelCandidate(2),
                new Action.CancelCandidate(3));
        assertThat(actions).contains(new Action.BuildCandidate(4, OptionalLong.empty(), List.of(1L, 2L, 3L, 4L, 5L)));
        w.runUntilIdle();
        assertThat(w.head).containsExactlyInAnyOrder(99L, 1L, 2L, 3L, 4L, 5L);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void landRefused_rebuildsOnTheNewHead_andNothingIsLost() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.queue(1);
        w.runFor(Duration.ofMinutes(64));
        w.head = java.util.Set.of(99L);
        w.runUntilIdle();

        assertThat(w.actions(Action.BuildCandidate.class)).extracting(Action.BuildCandidate::requestIds)
                .containsExactly(List.of(1L), List.of(1L));
        assertThat(w.landedCandidates).containsExactly(2L);
        assertThat(w.head).containsExactlyInAnyOrder(99L, 1L);
    }

    @Test
    void pushRequest_goesFirstAlone_andThePipelineIsRebuiltOnIt() {
        World w = new World(Engines.screened(Isolation.SQRT, 8, 8), 8);
        w.queue(1, 2);
        w.runFor(Duration.ofMinutes(30));
        int before = w.actions(Action.BuildCandidate.class).size();

        w.send(new Event.RequestQueued(new QueuedRequest(9, 0, w.now, 1, true)));
        List<Action.BuildCandidate> after = w.actions(Action.BuildCandidate.class)
                .subList(before, w.actions(Action.BuildCandidate.class).size());
        assertThat(after.get(0).requestIds()).containsExactly(9L);
        assertThat(after.get(0).parent()).isEmpty();

        w.runUntilIdle();
        assertThat(w.landedRequests).startsWith(9L).containsExactlyInAnyOrder(9L, 1L, 2L);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void freeze_holdsLandingsAndSaysSo_testsGoOn_andResumeLands() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.send(new Event.LandingsPaused("release 4.2"));
        w.queue(1);
        w.runFor(Duration.ofMinutes(90));

        assertThat(w.actions(Action.Land.class)).isEmpty();
        assertThat(w.engine.view(w.now).entry(1).orElseThrow().waitingFor())
                .isEqualTo("the freeze to end (release 4.2), then landing of candidate 1");

        List<Action> actions = w.send(new Event.LandingsResumed());
        assertThat(actions).containsExactly(new Action.Land(1, List.of(1L)));
    }

    @Test
    void conflictOnHead_rejectsTheRequestWithTheReason_andBuildsTheOthersAgain() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.autoBuild = false;
        w.queue(1, 2);
        w.runFor(Duration.ofMinutes(10));
        w.send(new Event.CandidateConflict(1, 1, "conflict in src/a.txt"));

        assertThat(w.rejected.get(1L)).contains("conflict in src/a.txt");
        assertThat(w.actions(Action.BuildCandidate.class)).last()
                .isEqualTo(new Action.BuildCandidate(2, OptionalLong.empty(), List.of(2L)));
    }

    @Test
    void conflictOnASpeculativeBase_isRetriedOnceBeforeRejecting() {
        QueueEngine engine = Engines.unscreened(Isolation.SQRT, 8, 8);
        Instant t = World.T0;
        engine.handle(new Event.RequestQueued(QueuedRequest.of(1, t)), t);
        engine.handle(new Event.RequestQueued(QueuedRequest.of(2, t)), t);
        engine.handle(new Event.CandidateBuilt(1, List.of("unit")), t);
        engine.handle(new Event.Tick(), t.plus(Duration.ofMinutes(10)));

        List<Action> first = engine.handle(new Event.CandidateConflict(2, 2, "conflict in b"), t.plus(
                Duration.ofMinutes(10)));
        assertThat(first).noneMatch(a -> a instanceof Action.Reject);

        engine.handle(new Event.Tick(), t.plus(Duration.ofMinutes(20)));
        List<Action> second = engine.handle(new Event.CandidateConflict(3, 2, "conflict in b"), t.plus(
                Duration.ofMinutes(20)));
        assertThat(second).contains(new Action.Reject(2, "does not apply on candidate 3's base: conflict in b"));
    }

    @Test
    void invalidConfigurationOnHead_rejectsTheWholeCandidate() {
        QueueEngine engine = Engines.unscreened(Isolation.SQRT, 8, 8);
        engine.handle(new Event.RequestQueued(QueuedRequest.of(1, World.T0)), World.T0);
        List<Action> actions = engine.handle(new Event.CandidateConflict(1, 0, "no tiers in .gatekeeper.yml"),
                World.T0);
        assertThat(actions).containsExactly(
                new Action.Reject(1, "candidate 1 cannot be built: no tiers in .gatekeeper.yml"));
    }

    @Test
    void infraError_runsTheTierAgain_neverBlamesTheChange() {
        QueueEngine engine = Engines.unscreened(Isolation.SQRT, 8, 8);
        engine.handle(new Event.RequestQueued(QueuedRequest.of(1, World.T0)), World.T0);
        engine.handle(new Event.CandidateBuilt(1, List.of("unit")), World.T0);

        List<Action> actions = engine.handle(new Event.TierInfraError(1, "unit", "node lost"), World.T0);

        assertThat(actions).containsExactly(new Action.RunTier(1, "unit"));
    }

    @Test
    void eventsForCancelledCandidates_areIgnored() {
        World w = chainOfThree();
        w.send(new Event.RequestWithdrawn(3));
        assertThat(w.send(new Event.TierFailed(3, "unit", "late", List.of("X"), Duration.ofMinutes(5)))).isEmpty();
        assertThat(w.send(new Event.Landed(2))).isEmpty();
    }

    @Test
    void priority_movesAWaitingRequestAhead() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 1, 1), 1);
        w.queue(1, 2, 3);
        w.send(new Event.PriorityChanged(3, 1));
        w.runUntilIdle();
        assertThat(w.landedRequests).containsExactly(1L, 3L, 2L);
    }
}
