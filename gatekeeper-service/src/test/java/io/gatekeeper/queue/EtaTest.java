package io.gatekeeper.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Positions, what each request waits for, and ETAs from measured tier durations. */
class EtaTest {

    @Test
    void eta_unknownUntilTiersAreMeasured_thenFollowsTheRemainingTiers() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.queue(1);
        w.runFor(Duration.ZERO);
        assertThat(w.engine.view(w.now).entry(1).orElseThrow().eta()).isNull();
        w.runUntilIdle();

        w.queue(2);
        w.runFor(Duration.ZERO);
        Instant start = w.now;
        QueueView.Entry e = w.engine.view(w.now).entry(2).orElseThrow();
        assertThat(e.position()).isEqualTo(1);
        assertThat(e.waitingFor()).isEqualTo("tier unit on candidate 2");
        assertThat(e.eta()).isEqualTo(start.plus(Duration.ofMinutes(65)));

        w.runFor(Duration.ofMinutes(5));
        QueueView.Entry later = w.engine.view(w.now).entry(2).orElseThrow();
        assertThat(later.waitingFor()).isEqualTo("tier system on candidate 2");
        assertThat(later.eta()).isEqualTo(start.plus(Duration.ofMinutes(65)));
    }

    @Test
    void eta_ofWaitingRequestsIsLaterThanOfTestingOnes_andPositionsFollowLandingOrder() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 1, 1), 1);
        w.queue(1);
        w.runUntilIdle();
        w.queue(2, 3);
        w.runFor(Duration.ZERO);

        QueueView view = w.engine.view(w.now);
        QueueView.Entry testing = view.entry(2).orElseThrow();
        QueueView.Entry waiting = view.entry(3).orElseThrow();
        assertThat(testing.position()).isEqualTo(1);
        assertThat(waiting.position()).isEqualTo(2);
        assertThat(waiting.candidateId()).isZero();
        assertThat(waiting.waitingFor()).isEqualTo("position 2 in queue");
        assertThat(waiting.eta()).isAfter(testing.eta());
    }

    @Test
    void eta_slipsWhenAFailureCancelsTheCandidateBelow() {
        World w = new World(Engines.unscreened(Isolation.SQRT, 8, 8), 8);
        w.queue(1);
        w.runUntilIdle();
        w.breaks.put(2L, "system");
        w.queue(2, 3);
        w.runFor(Duration.ofMinutes(10));
        Instant before = w.engine.view(w.now).entry(3).orElseThrow().eta();

        w.runFor(Duration.ofMinutes(56));
        Instant after = w.engine.view(w.now).entry(3).orElseThrow().eta();

        assertThat(after).isAfter(before);
    }

    @Test
    void view_namesTheScreeningStage() {
        World w = new World(Engines.screened(Isolation.SQRT, 8, 8), 8);
        w.queue(1);
        w.runFor(Duration.ofMinutes(1));
        assertThat(w.engine.view(w.now).entry(1).orElseThrow().waitingFor())
                .isEqualTo("screening: tier unit on candidate 1");
    }
}
