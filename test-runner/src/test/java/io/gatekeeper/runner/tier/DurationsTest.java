package io.gatekeeper.runner.tier;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationsTest {
    @Test
    void human_usesTheLargestExactUnits() {
        assertThat(Durations.human(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Durations.human(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.human(Duration.ofSeconds(65))).isEqualTo("1m5s");
        assertThat(Durations.human(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0s");
    }
}
