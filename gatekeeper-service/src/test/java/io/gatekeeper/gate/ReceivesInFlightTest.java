package io.gatekeeper.gate;

import io.gatekeeper.flaky.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivesInFlightTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final ReceivesInFlight receives = new ReceivesInFlight(clock);

    @Test
    void countsPushesBetweenTheirStartAndEnd() {
        assertThat(receives.any()).isFalse();
        receives.started();
        receives.started();
        receives.ended();
        assertThat(receives.any()).as("one of two still moving refs").isTrue();
        receives.ended();
        assertThat(receives.any()).isFalse();
        receives.ended();
        receives.started();
        assertThat(receives.any()).as("an unmatched end does not hide the next push").isTrue();
    }

    @Test
    void aPushWhoseEndIsNeverReported_isForgotten_soScansResume() {
        receives.started();
        clock.advance(ReceivesInFlight.FORGET_AFTER);
        assertThat(receives.any()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(receives.any()).isFalse();
        receives.ended();
        receives.started();
        assertThat(receives.any()).isTrue();
    }
}
