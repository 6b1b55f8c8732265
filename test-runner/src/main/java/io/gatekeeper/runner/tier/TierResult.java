package io.gatekeeper.runner.tier;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What became of a tier.
 *
 * @param exitCode the command's exit status for PASSED/FAILED (the setup's for a setup failure); -1 otherwise
 * @param message  one line for users, e.g. "command exited with status 3" or "timed out after 10m"
 * @param reports  report files copied under the caller's reportsOut, relative layout kept
 */
public record TierResult(Outcome outcome, int exitCode, String message, List<Path> reports, Duration took) {

    public enum Outcome { PASSED, FAILED, TIMED_OUT, INFRA_ERROR, CANCELLED }

    public TierResult {
        reports = reports == null ? List.of() : List.copyOf(reports);
    }

    static TierResult of(Outcome outcome, int exitCode, String message, Duration took) {
        return new TierResult(outcome, exitCode, message, List.of(), took);
    }

    TierResult withReports(List<Path> collected) {
        return new TierResult(outcome, exitCode, message, collected, took);
    }

    TierResult took(Duration elapsed) {
        return new TierResult(outcome, exitCode, message, reports, elapsed);
    }
}
