package io.gatekeeper.gate;

import io.gatekeeper.git.Tier;
import io.gatekeeper.queue.Event;
import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.TierJob;
import io.gatekeeper.runner.tier.TierResult;
import io.gatekeeper.runs.Placement;
import io.gatekeeper.runs.RunLog;
import io.gatekeeper.runs.TierDispatcher;
import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Starts tier runs of candidates and turns their results into queue events. A run's row is written when it
 * starts and when it ends; infrastructure errors are retried a bounded number of times and never blamed on
 * the change.
 */
final class TierRunner {
    static final int MAX_INFRA_ATTEMPTS = 3;

    private final GateContext ctx;
    private final TierDispatcher dispatcher;
    private final FailedTests failedTests;

    TierRunner(GateContext ctx, TierDispatcher dispatcher, FailedTests failedTests) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.failedTests = failedTests;
    }

    /** A finished run, delivered back on the gate thread through {@code onDone}. */
    record Finished(Candidate candidate, long runId, Tier tier, int attempt, TierResult result, RunLog log) { }

    void start(Candidate candidate, String tierName, Consumer<Finished> onDone, Consumer<Event> fail) {
        Tier tier = candidate.tier(tierName).orElse(null);
        if (tier == null) {
            fail.accept(new Event.TierFailed(candidate.number, tierName, "tier " + tierName
                    + " is not in head's .gatekeeper.yml", List.of(), Duration.ZERO));
            return;
        }
        long repoId = ctx.repo().id();
        int attempt = ctx.jdbi().withExtension(CandidateDao.class,
                d -> d.attempts(repoId, candidate.number, tierName)) + 1;
        long runId = ctx.jdbi().withExtension(CandidateDao.class,
                d -> d.startRun(repoId, candidate.number, tierName, attempt, ctx.clock().instant()));
        Cancellation cancel = new Cancellation();
        candidate.running.put(runId, cancel);
        RunLog log = new RunLog(RunLog.file(ctx.dataDir().resolve("logs"), runId));
        TierJob job = new TierJob(Long.toString(runId), ctx.git().getDirectory().getAbsolutePath(),
                "refs/gatekeeper/candidates/" + candidate.number, candidate.sha.name(), tierName, tier.setup(),
                tier.command(), tier.reports(), tier.timeout(), Map.of(), null, null);
        Path reportsOut = ctx.dataDir().resolve("reports").resolve("run-" + runId);
        dispatcher.dispatch(job, placement(candidate, tier, attempt), reportsOut, log, cancel,
                result -> onDone.accept(new Finished(candidate, runId, tier, attempt, result, log)));
    }

    /** The tier's cluster, queued by its requests' highest priority, then by its oldest request's age. */
    private Placement placement(Candidate candidate, Tier tier, int attempt) {
        List<RequestRow> requests = candidate.requestIds.isEmpty() ? List.of()
                : ctx.jdbi().withExtension(RequestDao.class, d -> d.byIds(candidate.requestIds));
        int priority = requests.stream().mapToInt(RequestRow::priority).max().orElse(0);
        Instant queuedAt = requests.stream().map(RequestRow::queuedAt).min(Comparator.naturalOrder())
                .orElse(ctx.clock().instant());
        return new Placement(tier.nodes(), tier.labels(), priority, queuedAt, attempt);
    }

    /** Records the run's end and says what it means for the queue; null when nothing is to be told. */
    Event finish(Finished f) {
        f.candidate().running.remove(f.runId());
        TierResult r = f.result();
        FailedTests.Reading reading = r.outcome() == TierResult.Outcome.PASSED
                || r.outcome() == TierResult.Outcome.FAILED || r.outcome() == TierResult.Outcome.TIMED_OUT
                ? failedTests.in(r.reports()) : new FailedTests.Reading(List.of(), null);
        List<String> failed = reading.failed();
        boolean reportError = reading.error() != null && r.outcome() != TierResult.Outcome.INFRA_ERROR;
        String state = reportError ? "report-error" : switch (r.outcome()) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case TIMED_OUT -> "timed-out";
            case INFRA_ERROR -> "infra-error";
            case CANCELLED -> "cancelled";
        };
        String message = reportError ? r.message() + "; " + reading.error() : r.message();
        ctx.jdbi().useExtension(CandidateDao.class, d -> d.finishRun(state, r.exitCode(), message,
                failed.isEmpty() ? null : String.join("\n", failed), ctx.clock().instant(), f.runId()));
        if (reportError && r.outcome() == TierResult.Outcome.PASSED) {
            markFailed(f.candidate().number);
            return new Event.TierFailed(f.candidate().number, f.tier().name(), "tier " + f.tier().name()
                    + " report-error: " + reading.error(), failed, r.took());
        }
        String tier = f.tier().name();
        long number = f.candidate().number;
        switch (r.outcome()) {
            case PASSED:
                return new Event.TierPassed(number, tier, r.took());
            case FAILED:
            case TIMED_OUT:
                markFailed(number);
                return new Event.TierFailed(number, tier, failureReason(tier, r, failed, f.log()), failed, r.took());
            case INFRA_ERROR:
                if (f.attempt() >= MAX_INFRA_ATTEMPTS) {
                    return new Event.TierFailed(number, tier, "tier " + tier + " could not run: infrastructure failed "
                            + f.attempt() + " times, last: " + r.message(), List.of(), r.took());
                }
                return new Event.TierInfraError(number, tier, r.message());
            default:
                return null;
        }
    }

    private void markFailed(long number) {
        ctx.jdbi().useExtension(CandidateDao.class, d -> d.setState("failed", ctx.clock().instant(),
                ctx.repo().id(), number));
    }

    static String failureReason(String tier, TierResult r, List<String> failed, RunLog log) {
        StringBuilder sb = new StringBuilder("tier ").append(tier).append(" failed: ").append(r.message());
        if (!failed.isEmpty()) {
            sb.append("; failing tests: ").append(String.join(", ", failed.subList(0, Math.min(10, failed.size()))));
            if (failed.size() > 10) {
                sb.append(" and ").append(failed.size() - 10).append(" more");
            }
        }
        String tail = log.tail();
        if (!tail.isEmpty()) {
            sb.append("\nlog tail:\n").append(tail);
        }
        return sb.length() > 3900 ? sb.substring(0, 3900) : sb.toString();
    }
}
