package io.gatekeeper.flaky.store;

import io.gatekeeper.flaky.model.TestState;
import java.time.Instant;

/**
 * A test changed state (became flaky, broken, quarantined, released...): stored in
 * {@code test_state_change} and returned to the caller, which may fire a webhook.
 */
public record StateChange(String repo, String testId, TestState from, TestState to, boolean byHand, String actor,
                          String reason, Instant at) {
}
