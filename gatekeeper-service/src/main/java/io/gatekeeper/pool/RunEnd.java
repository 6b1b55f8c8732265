package io.gatekeeper.pool;

import io.gatekeeper.runner.pool.RunState;
import io.gatekeeper.runner.tier.TierResult;

import java.time.Duration;
import java.util.List;

/**
 * How a run ended. {@code outcome} is what the gate is told: the primary's verdict (PASSED, FAILED,
 * TIMED_OUT), INFRA_ERROR for anything the infrastructure did (never the change's fault), or CANCELLED when the
 * gate cancelled it.
 *
 * @param reports report paths the primary said it uploaded, relative to the checkout
 */
public record RunEnd(RunState state, TierResult.Outcome outcome, int exitCode, String message, Duration took,
                     List<String> reports) {

    public RunEnd {
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    public static RunEnd infra(RunState state, String message) {
        return new RunEnd(state, TierResult.Outcome.INFRA_ERROR, -1, message, Duration.ZERO, List.of());
    }

    public static RunEnd cancelled(String message) {
        return new RunEnd(RunState.CANCELLED, TierResult.Outcome.CANCELLED, -1, message, Duration.ZERO, List.of());
    }
}
