package io.gatekeeper.runner.agent;

import io.gatekeeper.runner.client.RunnerClient;
import io.gatekeeper.runner.client.RunnerClientException;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.protocol.RunResult;
import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.Inauguration;
import io.gatekeeper.runner.tier.TierExecutor;
import io.gatekeeper.runner.tier.TierResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * This node's part in one run: inaugurate, wait for the cluster, run (primary) or hold (secondary), ship the
 * log, upload reports, report the result, and always leave nothing behind. It makes no decisions: the
 * service's directives say when to run and when to let go.
 */
final class RunSession {
    private static final Logger LOG = LoggerFactory.getLogger(RunSession.class);
    private static final Duration DELIVERY_BOUND = Duration.ofMinutes(5);

    private final RunnerClient client;
    private final TierExecutor executor;
    private final Identity node;
    private final Path reportsRoot;
    private final Duration readyWait;

    /** Who this runner is, as the service and git know it. */
    record Identity(String nodeId, String name, String token) {
    }

    RunSession(RunnerClient client, TierExecutor executor, Identity node, Path reportsRoot, Duration readyWait) {
        this.client = client;
        this.executor = executor;
        this.node = node;
        this.reportsRoot = reportsRoot;
        this.readyWait = readyWait;
    }

    void run(Assignment assignment, Cancellation cancel) {
        String runId = assignment.runId();
        AtomicReference<CompletableFuture<?>> call = new AtomicReference<>();
        cancel.onCancel(() -> {
            CompletableFuture<?> inFlight = call.get();
            if (inFlight != null) {
                inFlight.cancel(true);
            }
        });
        LogShipper log = new LogShipper(client, runId, node.nodeId());
        try (Inauguration inauguration = executor.inaugurate(assignment.toJob(node.name(), node.token()),
                assignment.clusterEnvironment(), log, cancel)) {
            if (!inauguration.ready()) {
                report(runId, log, inauguration.failure().orElseThrow(), List.of());
                return;
            }
            Directive.Action action = awaitTurn(assignment, cancel, call);
            if (cancel.cancelled()) {
                report(runId, log, cancelled(), List.of());
            } else if (action == Directive.Action.RUN) {
                execute(inauguration, runId, log, cancel);
            } else {
                log.close();
            }
        } catch (RunnerClientException e) {
            LOG.warn("run {}: abandoned: {}", runId, e.getMessage());
        } finally {
            log.close();
        }
    }

    /** Calls ready until the service says run (primary) or release, or the run is cancelled. */
    private Directive.Action awaitTurn(Assignment assignment, Cancellation cancel,
                                       AtomicReference<CompletableFuture<?>> call) {
        while (!cancel.cancelled()) {
            Directive.Action action;
            try {
                action = Retry.call("ready " + assignment.runId(), DELIVERY_BOUND, cancel::cancelled,
                        () -> client.ready(assignment.runId(), node.nodeId(), readyWait, call::set).action());
            } catch (CancellationException e) {
                continue;
            }
            if (action == Directive.Action.RELEASE || (action == Directive.Action.RUN && assignment.primary())) {
                return action;
            }
        }
        return Directive.Action.RELEASE;
    }

    private void execute(Inauguration inauguration, String runId, LogShipper log, Cancellation cancel) {
        Path reportsOut = null;
        try {
            reportsOut = Files.createDirectories(reportsRoot).resolve("reports-" + safe(runId) + "-" + System.nanoTime());
            TierResult result = executor.execute(inauguration, Map.of(), reportsOut, log, cancel);
            inauguration.close();
            report(runId, log, result, upload(runId, reportsOut, result.reports()));
        } catch (IOException e) {
            report(runId, log, new TierResult(TierResult.Outcome.INFRA_ERROR, -1,
                    "runner error: cannot create reports directory: " + e.getMessage(), List.of(), Duration.ZERO),
                    List.of());
        } finally {
            deleteQuietly(reportsOut);
        }
    }

    private List<String> upload(String runId, Path reportsOut, List<Path> reports) {
        List<String> uploaded = new ArrayList<>();
        for (Path report : reports) {
            String relative = reportsOut.relativize(report).toString().replace('\\', '/');
            Retry.run("upload " + relative, DELIVERY_BOUND, () -> false,
                    () -> client.uploadReport(runId, node.nodeId(), relative, report));
            uploaded.add(relative);
        }
        return uploaded;
    }

    /** The log goes first, so that the service has all of it when the result ends the run. */
    private void report(String runId, LogShipper log, TierResult result, List<String> uploaded) {
        log.close();
        Retry.run("result " + runId, DELIVERY_BOUND, () -> false,
                () -> client.result(runId, RunResult.of(node.nodeId(), result, uploaded)));
    }

    private static TierResult cancelled() {
        return new TierResult(TierResult.Outcome.CANCELLED, -1, "cancelled", List.of(), Duration.ZERO);
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete {}", dir, e);
        }
    }
}
