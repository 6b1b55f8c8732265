package io.gatekeeper.runner.agent;

import io.gatekeeper.runner.client.RunnerClient;
import io.gatekeeper.runner.client.RunnerClientException;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Heartbeat;
import io.gatekeeper.runner.protocol.HeartbeatReply;
import io.gatekeeper.runner.protocol.Registered;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.TierExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The runner's loop: register, heartbeat in the background, lease work and run it, one run at a time.
 * Stateless: after a restart or a 410 it simply registers again and the service sorts out what was lost.
 */
public final class RunnerAgent {
    private static final Logger LOG = LoggerFactory.getLogger(RunnerAgent.class);
    private static final int DEFAULT_HEARTBEAT_SECONDS = 2;
    private static final int DEFAULT_LEASE_WAIT_SECONDS = 20;

    private final RunnerClient client;
    private final TierExecutor executor;
    private final RunnerConfig config;
    private final Map<String, Cancellation> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean registered;
    private volatile String nodeId;
    private volatile Registered terms;

    public RunnerAgent(RunnerConfig config, RunnerClient client, TierExecutor executor) {
        this.config = config;
        this.client = client;
        this.executor = executor;
    }

    /**
     * Runs until {@link #stop()}. Kills and deletes what a previous incarnation left in the work directory.
     *
     * @throws RunnerClientException.Unauthorized when the service refuses the token at registration
     */
    public void run() {
        executor.reclaim();
        RunSession.deleteQuietly(reportsRoot());
        try {
            register();
            heartbeats.scheduleWithFixedDelay(this::heartbeat, 0, heartbeatSeconds(), TimeUnit.SECONDS);
            while (!stopping) {
                if (!registered) {
                    register();
                }
                lease().ifPresent(this::execute);
            }
        } finally {
            heartbeats.shutdownNow();
            stopped.countDown();
        }
    }

    /** Cancels the current run and makes {@link #run()} return once it has cleaned up. */
    public void stop() {
        stopping = true;
        active.values().forEach(Cancellation::cancel);
    }

    /** Waits for {@link #run()} to return after {@link #stop()}. */
    public boolean awaitStopped(Duration bound) throws InterruptedException {
        return stopped.await(bound.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void register() {
        Registration registration = new Registration(config.name(), config.labels(), config.host(), version());
        Duration backoff = Retry.FIRST;
        while (!stopping) {
            try {
                terms = client.register(registration);
                nodeId = terms.nodeId() == null ? config.name() : terms.nodeId();
                registered = true;
                LOG.info("registered as {} with labels {}", nodeId, config.labels());
                return;
            } catch (RunnerClientException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                LOG.info("cannot register yet ({}); retrying", e.getMessage());
                Retry.pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Retry.MAX) > 0 ? Retry.MAX : backoff.multipliedBy(2);
            }
        }
    }

    private Optional<Assignment> lease() {
        try {
            return client.lease(nodeId, Duration.ofSeconds(leaseWaitSeconds()));
        } catch (RunnerClientException.NodeGone e) {
            LOG.warn("the service forgot this node ({}); registering again", e.getMessage());
            registered = false;
        } catch (RunnerClientException e) {
            LOG.info("lease failed ({}); retrying", e.getMessage());
            Retry.pause(Retry.FIRST.multipliedBy(4));
        }
        return Optional.empty();
    }

    private void execute(Assignment assignment) {
        Cancellation cancel = new Cancellation();
        active.put(assignment.runId(), cancel);
        if (stopping) {
            cancel.cancel();
        }
        try {
            LOG.info("run {}: tier {} of {} as node {} of {}", assignment.runId(), assignment.tier(),
                    assignment.commit(), assignment.nodeIndex(), assignment.clusterNodes().size());
            new RunSession(client, executor, new RunSession.Identity(nodeId, config.name(), config.token()),
                    reportsRoot(), Duration.ofSeconds(leaseWaitSeconds()))
                    .run(assignment, cancel);
        } catch (RuntimeException e) {
            LOG.error("run {} failed in the runner", assignment.runId(), e);
        } finally {
            active.remove(assignment.runId());
        }
    }

    private void heartbeat() {
        if (!registered) {
            return;
        }
        try {
            HeartbeatReply reply = client.heartbeat(nodeId, new Heartbeat(List.copyOf(active.keySet())));
            for (String runId : reply.cancel()) {
                Cancellation cancel = active.get(runId);
                if (cancel != null) {
                    LOG.info("run {}: cancelled by the service", runId);
                    cancel.cancel();
                }
            }
        } catch (RunnerClientException.NodeGone e) {
            LOG.warn("the service declared this node gone; abandoning {} and registering again", active.keySet());
            registered = false;
            active.values().forEach(Cancellation::cancel);
        } catch (RunnerClientException e) {
            LOG.info("heartbeat failed: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("heartbeat failed", e);
        }
    }

    private java.nio.file.Path reportsRoot() {
        return config.workDir().resolve("reports");
    }

    private int heartbeatSeconds() {
        return terms.heartbeatSeconds() > 0 ? terms.heartbeatSeconds() : DEFAULT_HEARTBEAT_SECONDS;
    }

    private int leaseWaitSeconds() {
        return terms.leaseWaitSeconds() > 0 ? terms.leaseWaitSeconds() : DEFAULT_LEASE_WAIT_SECONDS;
    }

    private static String version() {
        String v = RunnerAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
