package io.gatekeeper.runner.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.gatekeeper.runner.tier.TierResult;

import java.util.List;

/**
 * Body of {@code POST /api/runner/runs/{runId}/result}: this node's outcome of the run. The primary sends the
 * command's outcome; a secondary sends one only when its inauguration failed or it was cancelled.
 *
 * @param reports the report paths uploaded before this call, relative to the checkout
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunResult(String nodeId, TierResult.Outcome outcome, int exitCode, String message, long tookMillis,
                        List<String> reports) {

    public RunResult {
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    public static RunResult of(String nodeId, TierResult result, List<String> uploaded) {
        return new RunResult(nodeId, result.outcome(), result.exitCode(), result.message(),
                result.took().toMillis(), uploaded);
    }
}
