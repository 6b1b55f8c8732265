package io.gatekeeper.runner.tier;

import io.gatekeeper.runner.tier.TierResult.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a tier on this machine: a clean workspace, the candidate fetched and checked out detached, the
 * optional setup, then the command under its timeout, its output streamed, its reports collected, and the
 * workspace deleted whatever happened. Expected failures are outcomes, never exceptions.
 *
 * <p>A single-node tier is {@link #run}. A cluster node splits it: {@link #inaugurate} (checkout + setup), wait
 * for the cluster, then {@link #execute} on the primary only; every node closes its {@link Inauguration}.
 */
public final class TierExecutor {
    public static final String CANDIDATE_VARIABLE = "GATEKEEPER_CANDIDATE";
    public static final String TIER_VARIABLE = "GATEKEEPER_TIER";
    private static final Logger LOG = LoggerFactory.getLogger(TierExecutor.class);
    private static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);

    private final Path workRoot;
    private final Duration killGrace;

    public TierExecutor(Path workRoot) {
        this(workRoot, DEFAULT_KILL_GRACE);
    }

    /** @param killGrace how long a killed process tree gets between SIGTERM and SIGKILL */
    public TierExecutor(Path workRoot, Duration killGrace) {
        this.workRoot = workRoot;
        this.killGrace = killGrace;
    }

    /**
     * Kills the processes of, and deletes, every workspace under the work root: what a runner that was killed
     * left behind. Call only at start-up, with a work root no other executor uses.
     */
    public void reclaim() {
        if (!Files.isDirectory(workRoot)) {
            return;
        }
        try (Stream<Path> stale = Files.list(workRoot)) {
            stale.forEach(dir -> {
                LOG.info("reclaiming stale workspace {}", dir);
                Workspace.reclaim(dir, killGrace);
            });
        } catch (IOException e) {
            LOG.warn("cannot list {}", workRoot, e);
        }
    }

    public TierResult run(TierJob job, Path reportsOut, LogSink log, Cancellation cancel) {
        try (Inauguration inauguration = inaugurate(job, Map.of(), log, cancel)) {
            if (!inauguration.ready()) {
                return inauguration.failure().orElseThrow();
            }
            return execute(inauguration, Map.of(), reportsOut, log, cancel);
        }
    }

    /**
     * Checks out the candidate and runs the setup. Never throws for expected failures.
     *
     * @param extraEnv added to the environment of both setup and command (e.g. the cluster description)
     */
    public Inauguration inaugurate(TierJob job, Map<String, String> extraEnv, LogSink log, Cancellation cancel) {
        Instant started = Instant.now();
        Workspace workspace;
        try {
            workspace = Workspace.create(workRoot, job.runId(), killGrace);
        } catch (IOException | RuntimeException e) {
            return Inauguration.failed(null, started, infra("cannot create workspace: " + e.getMessage(), log));
        }
        try {
            Map<String, String> env = environment(job, extraEnv);
            TierResult failure = prepare(job, workspace, env, log, cancel);
            return failure == null ? Inauguration.ready(job, workspace, env, started)
                    : Inauguration.failed(workspace, started, failure);
        } catch (RuntimeException e) {
            LOG.error("inauguration of {} failed unexpectedly", job.runId(), e);
            return Inauguration.failed(workspace, started, infra("runner error: " + e, log));
        }
    }

    /** Runs the command of a ready inauguration and collects its reports into {@code reportsOut}. */
    public TierResult execute(Inauguration inauguration, Map<String, String> extraEnv, Path reportsOut,
                              LogSink log, Cancellation cancel) {
        if (!inauguration.ready()) {
            return inauguration.failure().orElseThrow();
        }
        TierJob job = inauguration.job();
        Workspace workspace = inauguration.workspace();
        Map<String, String> env = new HashMap<>(inauguration.env());
        env.putAll(extraEnv);
        TierResult result;
        try {
            result = command(job, workspace, env, log, cancel);
            if (result.outcome() != Outcome.INFRA_ERROR && result.outcome() != Outcome.CANCELLED) {
                result = result.withReports(collect(job, workspace, reportsOut, log));
            }
        } catch (RuntimeException e) {
            LOG.error("tier {} failed unexpectedly", job.runId(), e);
            result = TierResult.of(Outcome.INFRA_ERROR, -1, "runner error: " + e, Duration.ZERO);
        }
        Logs.note(log, result.message());
        return result.took(Duration.between(inauguration.started(), Instant.now()));
    }

    private TierResult prepare(TierJob job, Workspace workspace, Map<String, String> env, LogSink log,
                               Cancellation cancel) {
        Logs.note(log, "fetching " + job.ref() + " from " + job.repoUrl());
        try {
            CandidateCheckout.checkout(job, workspace.checkout(), cancel);
        } catch (CandidateCheckout.Failure f) {
            return cancel.cancelled() ? cancelled(log) : infra(f.getMessage(), log);
        }
        Logs.note(log, "checked out " + job.commit());
        if (job.setup() == null || job.setup().isBlank()) {
            return null;
        }
        Logs.note(log, "setup: " + job.setup());
        StepProcess.Result setup;
        try {
            setup = step(workspace, env, "setup").run(job.setup(), workspace.tag("setup"), job.timeout(),
                    workspace.logFile("setup"), log, cancel);
        } catch (IOException e) {
            return infra("setup could not start: " + e.getMessage(), log);
        }
        switch (setup.ending()) {
            case CANCELLED:
                return cancelled(log);
            case TIMED_OUT:
                return infra("setup timed out after " + Durations.human(job.timeout()), log);
            default:
                return setup.exitCode() == 0 ? null : infraExit(setup.exitCode(), log);
        }
    }

    private TierResult command(TierJob job, Workspace workspace, Map<String, String> env, LogSink log,
                               Cancellation cancel) {
        Logs.note(log, "$ " + job.command());
        StepProcess.Result run;
        try {
            run = step(workspace, env, "command").run(job.command(), workspace.tag("command"), job.timeout(),
                    workspace.logFile("command"), log, cancel);
        } catch (IOException e) {
            return TierResult.of(Outcome.INFRA_ERROR, -1, "command could not start: " + e.getMessage(),
                    Duration.ZERO);
        }
        switch (run.ending()) {
            case CANCELLED:
                return TierResult.of(Outcome.CANCELLED, -1, "cancelled", Duration.ZERO);
            case TIMED_OUT:
                return TierResult.of(Outcome.TIMED_OUT, -1, "timed out after " + Durations.human(job.timeout()),
                        Duration.ZERO);
            default:
                return TierResult.of(run.exitCode() == 0 ? Outcome.PASSED : Outcome.FAILED, run.exitCode(),
                        "command exited with status " + run.exitCode(), Duration.ZERO);
        }
    }

    private StepProcess step(Workspace workspace, Map<String, String> env, String name) {
        return new StepProcess(workspace.checkout(), env, killGrace, workspace::adopt);
    }

    private static List<Path> collect(TierJob job, Workspace workspace, Path reportsOut, LogSink log) {
        if (reportsOut == null) {
            return List.of();
        }
        try {
            List<Path> reports = new ReportCollector(job.reports()).collect(workspace.checkout(), reportsOut);
            Logs.note(log, "collected " + reports.size() + " report file(s)");
            return reports;
        } catch (IOException | RuntimeException e) {
            Logs.note(log, "cannot collect reports: " + e.getMessage());
            return List.of();
        }
    }

    private static Map<String, String> environment(TierJob job, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(job.env());
        env.putAll(extraEnv);
        env.put(CANDIDATE_VARIABLE, job.commit());
        env.put(TIER_VARIABLE, job.tier());
        return env;
    }

    private static TierResult infra(String message, LogSink log) {
        Logs.note(log, message);
        return TierResult.of(Outcome.INFRA_ERROR, -1, message, Duration.ZERO);
    }

    private static TierResult infraExit(int status, LogSink log) {
        String message = "setup exited with status " + status;
        Logs.note(log, message);
        return TierResult.of(Outcome.INFRA_ERROR, status, message, Duration.ZERO);
    }

    private static TierResult cancelled(LogSink log) {
        Logs.note(log, "cancelled");
        return TierResult.of(Outcome.CANCELLED, -1, "cancelled", Duration.ZERO);
    }
}
