package io.gatekeeper.gate;

import io.gatekeeper.git.Tier;
import io.gatekeeper.queue.Event;
import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.TierJob;
import io.gatekeeper.runner.tier.TierResult;
import io.gatekeeper.runs.Placement;
import io.gatekeeper.runs.RunFiles;
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
 * starts and when it ends. An infrastructure error is told to the engine as such, every time: it retries or
 * holds the run ({@link io.gatekeeper.queue.InfraHold}) and never blames the change.
 */
final class TierRunner {
    /** The in-process runner's node name, until the node pool names the node a run had. */
    static final String LOCAL_NODE = "local";

    private final GateContext ctx;
    private final TierDispatcher dispatcher;
    private final FailedTests failedTests;
    private final TierOutcomeJudge judge;

    TierRunner(GateContext ctx, TierDispatcher dispatcher, FailedTests failedTests) {
        this(ctx, dispatcher, failedTests, TierOutcomeJudge.NONE);
    }

    TierRunner(GateContext ctx, TierDispatcher dispatcher, FailedTests failedTests, TierOutcomeJudge judge) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.failedTests = failedTests;
        this.judge = judge;
    }

    /** A finished run, delivered back on the gate thread through {@code onDone}. */
    record Finished(Candidate candidate, long runId, Tier tier, int attempt, TierResult result, RunLog log,
                    List<String> rerunTests, Consumer<Finished> onDone) { }

    void start(Candidate candidate, String tierName, Consumer<Finished> onDone, Consumer<Event> fail) {
        Tier tier = candidate.tier(tierName).orElse(null);
        if (tier == null) {
            fail.accept(new Event.TierFailed(candidate.number, tierName, "tier " + tierName
                    + " is not in head's .gatekeeper.yml", List.of(), Duration.ZERO));
            return;
        }
        dispatch(candidate, tier, Map.of(), List.of(), null, onDone);
    }

    private void dispatch(Candidate candidate, Tier tier, Map<String, String> env, List<String> rerunTests,
                          String note, Consumer<Finished> onDone) {
        String tierName = tier.name();
        long repoId = ctx.repo().id();
        int attempt = ctx.jdbi().withExtension(CandidateDao.class,
                d -> d.attempts(repoId, candidate.number, tierName)) + 1;
        long runId = ctx.jdbi().withExtension(CandidateDao.class,
                d -> d.startRun(repoId, candidate.number, tierName, attempt, ctx.clock().instant()));
        Cancellation cancel = new Cancellation();
        candidate.running.put(runId, cancel);
        RunLog log = new RunLog(RunLog.file(ctx.dataDir().resolve("logs"), runId));
        if (note != null) {
            log.append("gatekeeper: " + note + "\n");
        }
        TierJob job = new TierJob(Long.toString(runId), ctx.git().getDirectory().getAbsolutePath(),
                "refs/gatekeeper/candidates/" + candidate.number, candidate.sha.name(), tierName, tier.setup(),
                tier.command(), tier.reports(), tier.timeout(), env, null, null);
        Path reportsOut = RunFiles.reportsDir(ctx.dataDir(), runId);
        dispatcher.dispatch(job, placement(candidate, tier, attempt), reportsOut, log, cancel,
                result -> onDone.accept(
                        new Finished(candidate, runId, tier, attempt, result, log, rerunTests, onDone)));
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

    /** Records the run's end and says what it means for the queue; null when nothing is to be told (yet). */
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
        Event proposed = proposed(f, r, reading, failed, reportError);
        // GATE HOOK (flaky): the judge records the run's tests and may excuse failures or ask for a re-run.
        TierOutcomeJudge.Judgement judged = judge.judge(judgeRun(f, reportError), proposed);
        Event event = judged.event();
        if (event instanceof Event.TierPassed && !"passed".equals(state)) {
            state = "passed";
        } else if (event instanceof Event.TierFailed && "passed".equals(state)) {
            state = "failed";
        }
        if (judged.note() != null) {
            message = message + "; " + judged.note();
        }
        String runState = state;
        String runMessage = message.length() > 3900 ? message.substring(0, 3900) : message;
        ctx.jdbi().useExtension(CandidateDao.class, d -> d.finishRun(runState, r.exitCode(), runMessage,
                failedColumn(failed), ctx.clock().instant(), f.runId()));
        if (judged.rerun() && !f.candidate().cancelled) {
            dispatch(f.candidate(), f.tier(), judged.rerunEnv(), judged.rerunTests(), judged.note(), f.onDone());
            return null;
        }
        if (event instanceof Event.TierFailed) {
            markFailed(f.candidate().number);
        }
        return event;
    }

    private TierOutcomeJudge.Run judgeRun(Finished f, boolean reportError) {
        String tree;
        try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(ctx.git())) {
            tree = walk.parseCommit(f.candidate().sha).getTree().name();
        } catch (java.io.IOException e) {
            tree = f.candidate().sha.name();   // unknown tree: the commit stands for its own code
        }
        return new TierOutcomeJudge.Run(ctx.repo().name(), f.candidate().number, f.candidate().sha.name(), tree,
                Verifier.isVerification(f.candidate().number), f.tier().name(), f.runId(), f.attempt(),
                f.rerunTests(), f.result(), reportError, LOCAL_NODE,
                RunLog.file(ctx.dataDir().resolve("logs"), f.runId()), f.candidate().base.name(), f.tier().burnIn());
    }

    /** What the run means without judgement; null when nothing is to be told. */
    private Event proposed(Finished f, TierResult r, FailedTests.Reading reading, List<String> failed,
                           boolean reportError) {
        if (reportError && r.outcome() == TierResult.Outcome.PASSED) {
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
                return new Event.TierFailed(number, tier, failureReason(tier, r, failed, f.log()), failed, r.took());
            case INFRA_ERROR:
                return new Event.TierInfraError(number, tier, r.message());
            default:
                return null;
        }
    }

    private void markFailed(long number) {
        ctx.jdbi().useExtension(CandidateDao.class, d -> d.setState("failed", ctx.clock().instant(),
                ctx.repo().id(), number));
    }

    /** The run row keeps the first failing tests that fit its column; flaky-db keeps every execution. */
    static String failedColumn(List<String> failed) {
        if (failed.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (String name : failed) {
            if (sb.length() + name.length() + 1 > 3900) {
                break;
            }
            sb.append(sb.length() == 0 ? "" : "\n").append(name);
        }
        return sb.toString();
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
