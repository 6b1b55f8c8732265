package io.gatekeeper.flaky.service;

import io.gatekeeper.flaky.model.TestState;
import io.gatekeeper.flaky.store.StateChange;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TestSignalsTest {

    @Test
    void webhookEvents_areFlakyBrokenQuarantinedAndReleased_only() {
        assertThat(TestSignals.event(change(TestState.STABLE, TestState.FLAKY))).isEqualTo("test-flaky");
        assertThat(TestSignals.event(change(TestState.FLAKY, TestState.BROKEN))).isEqualTo("test-broken");
        assertThat(TestSignals.event(change(TestState.FLAKY, TestState.QUARANTINED))).isEqualTo("test-quarantined");
        assertThat(TestSignals.event(change(TestState.QUARANTINED, TestState.FLAKY))).isEqualTo("test-released");
        assertThat(TestSignals.event(change(TestState.QUARANTINED, TestState.BROKEN))).isEqualTo("test-released");
        assertThat(TestSignals.event(change(TestState.FLAKY, TestState.STABLE))).isNull();
        assertThat(TestSignals.event(change(TestState.QUARANTINED, TestState.QUARANTINED))).isNull();
    }

    static StateChange change(TestState from, TestState to) {
        return new StateChange("shop", "a.B#c", from, to, false, null, "why", Instant.EPOCH);
    }
}
