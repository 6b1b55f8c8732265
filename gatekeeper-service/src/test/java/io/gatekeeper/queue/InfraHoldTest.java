package io.gatekeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tier the infrastructure cannot run is retried, then held with back-off, and never rejected. */
class InfraHoldTest {
    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void nextAttempt_immediateThenDoublingUpToTheCap() {
        InfraHold hold = InfraHold.defaults();
        List<Duration> waits = new ArrayList<>();
        for (int errors = 1; errors <= 10; errors++) {
            waits.add(Duration.between(T0, hold.nextAttempt(errors, T0)));
        }
        assertThat(waits).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30),
                Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
                Duration.ofMinutes(10), Duration.ofMinutes(10));
    }

    @Test
    void nonsense_isRefused() {
        assertThatThrownBy(() -> new InfraHold(-1, Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InfraHold(3, Duration.ZERO, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InfraHold(3, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gatekeeper", "serial", "bisect", "speculative"})
    void aTierTheInfrastructureKeepsFailing_isHeldWithBackOff_andNeverRejected(String strategy) {
        QueueEngine engine = QueueEngines.create(strategy, new EngineSettings(8, 4, 1), new SplittableRandom(1));
        List<Action> pending = new ArrayList<>(engine.handle(new Event.RequestQueued(QueuedRequest.of(1, T0)), T0));
        Action.BuildCandidate build = (Action.BuildCandidate) pending.stream()
                .filter(a -> a instanceof Action.BuildCandidate).findFirst().orElseThrow();
        long candidate = build.candidateId();
        assertThat(engine.handle(new Event.CandidateBuilt(candidate, List.of("unit", "system")), T0))
                .contains(new Action.RunTier(candidate, "unit"));
        String tier = "unit";

        for (int i = 1; i <= 3; i++) {
            assertThat(engine.handle(new Event.TierInfraError(candidate, tier, "node lost"), T0))
                    .as("infrastructure failure %d is retried at once", i)
                    .containsExactly(new Action.RunTier(candidate, tier));
        }
        assertThat(engine.handle(new Event.TierInfraError(candidate, tier, "no nodes for this tier"), T0)).isEmpty();
        assertThat(engine.view(T0).entries().get(0).waitingFor())
                .contains("infrastructure: tier unit of candidate " + candidate + " could not run 4 times (last: no "
                        + "nodes for this tier); next try at " + T0.plusSeconds(30));
        assertThat(engine.handle(new Event.Tick(), T0.plusSeconds(29))).isEmpty();
        assertThat(engine.handle(new Event.Tick(), T0.plusSeconds(30)))
                .containsExactly(new Action.RunTier(candidate, tier));

        Instant now = T0.plusSeconds(30);
        InfraHold hold = InfraHold.defaults();
        for (int i = 5; i <= 40; i++) {
            List<Action> actions = engine.handle(new Event.TierInfraError(candidate, tier, "still no nodes"), now);
            assertThat(actions).noneMatch(a -> a instanceof Action.Reject || a instanceof Action.CancelCandidate);
            now = hold.nextAttempt(i, now);
            assertThat(engine.handle(new Event.Tick(), now)).containsExactly(new Action.RunTier(candidate, tier));
        }

        assertThat(passEverything(engine, candidate, now)).as("the held request lands once its tiers run").isTrue();
    }

    /** Answers the engine's requests with passes and builds until a landing of request 1 (or gives up). */
    private static boolean passEverything(QueueEngine engine, long candidate, Instant now) {
        List<Action> todo = new ArrayList<>(engine.handle(new Event.TierPassed(candidate, "unit", Duration.ofMinutes(1)),
                now));
        todo.add(new Action.RunTier(candidate, "system"));
        for (int step = 0; step < 100 && !todo.isEmpty(); step++) {
            Action a = todo.remove(0);
            if (a instanceof Action.Land land && land.requestIds().contains(1L)) {
                return true;
            } else if (a instanceof Action.Reject) {
                return false;
            } else if (a instanceof Action.BuildCandidate b) {
                todo.addAll(engine.handle(new Event.CandidateBuilt(b.candidateId(), List.of("unit", "system")), now));
            } else if (a instanceof Action.RunTier r) {
                todo.addAll(engine.handle(new Event.TierPassed(r.candidateId(), r.tier(), Duration.ofMinutes(1)), now));
            }
        }
        return false;
    }
}
