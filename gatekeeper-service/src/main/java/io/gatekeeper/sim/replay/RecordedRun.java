package io.gatekeeper.sim.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * One finished tier run of a queue candidate as the database recorded it.
 *
 * @param state       passed, failed, timed-out, report-error, infra-error or cancelled
 * @param failedTests newline-separated; set on a passed run when the flake judge excused its failures
 * @param grantedAt   when the runner pool gave the run its nodes; null without the pool
 */
public record RecordedRun(long id, long candidateNo, String tier, int attempt, String state, String failedTests,
                   Instant startedAt, Instant grantedAt, Instant finishedAt) {

    boolean passed() {
        return "passed".equals(state);
    }

    /** The tests failed the run: its change's fault unless shown otherwise. */
    boolean failed() {
        return "failed".equals(state) || "timed-out".equals(state) || "report-error".equals(state);
    }

    boolean infraError() {
        return "infra-error".equals(state);
    }

    /** A run that passed although tests failed in it: the flake judge excused them. */
    boolean excused() {
        return passed() && failedTests != null && !failedTests.isBlank();
    }

    double minutes() {
        Instant from = grantedAt != null && grantedAt.isBefore(finishedAt) ? grantedAt : startedAt;
        return Duration.between(from, finishedAt).toMillis() / 60_000.0;
    }
}
