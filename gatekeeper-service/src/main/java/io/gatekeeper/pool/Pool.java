package io.gatekeeper.pool;

import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.gatekeeper.GatekeeperException;
import io.gatekeeper.runner.pool.AllocationState;
import io.gatekeeper.runner.pool.RunState;
import io.gatekeeper.runner.protocol.Assignment;
import io.gatekeeper.runner.protocol.Directive;
import io.gatekeeper.runner.protocol.Heartbeat;
import io.gatekeeper.runner.protocol.HeartbeatReply;
import io.gatekeeper.runner.protocol.Registered;
import io.gatekeeper.runner.protocol.Registration;
import io.gatekeeper.runner.protocol.RunResult;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The node pool: runner nodes, the runs dispatched to them, their allocations and leases, all in the database.
 * One lock orders every change (a change is one transaction); long-polls wait on it. Observers hear what
 * happened on one event thread, after the change committed, never under the lock.
 */
public final class Pool implements Managed, ServerLifecycleListener {
    private static final Logger LOG = LoggerFactory.getLogger(Pool.class);
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Jdbi jdbi;
    private final Clock clock;
    private final PoolSettings settings;
    private final Map<Long, PoolJob> jobs = new HashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(daemon("pool-events"));
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("pool-sweep"));
    private final Instant startedAt;
    private final AllocationPass granting;
    private boolean closing;

    public Pool(Jdbi jdbi, Clock clock, PoolSettings settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
        this.startedAt = clock.instant();
        this.granting = new AllocationPass(settings);
    }

    public PoolSettings settings() {
        return settings;
    }

    /** Cancels what a previous service left running (nobody waits for it any more), then sweeps periodically. */
    @Override
    public void start() {
        synchronized (this) {
            change(l -> {
                for (PoolRunRow run : l.dao.openRuns()) {
                    l.end(run.id(), RunState.Event.CANCEL, AllocationState.Event.CANCEL, "service restarted",
                            RunEnd.cancelled("service restarted"));
                }
                return null;
            });
        }
        long every = Math.max(100, settings.liveness().heartbeat().toMillis() / 4);
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** The server's graceful stop waits for open requests: runners' long-polls must not hold it. */
    @Override
    public void serverStarted(Server server) {
        server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                closing();
            }
        });
    }

    /** Long-polls return at once from now on, and silent nodes are no longer declared lost: we are stopping. */
    public synchronized void closing() {
        closing = true;
        notifyAll();
    }

    @Override
    public void stop() throws InterruptedException {
        closing();
        sweeper.shutdownNow();
        events.shutdown();
        events.awaitTermination(5, TimeUnit.SECONDS);
    }

    // ---- the gate's side

    /** Queues a run for its nodes. */
    public synchronized void submit(PoolJob job) {
        jobs.put(job.runId(), job);
        try {
            change(l -> {
                l.dao.insertRun(job.runId(), job.repo(), job.job().tier(), job.job().commit(), job.attempt(), l.now);
                l.dao.insertAllocation(job.runId(), job.nodes(), NodeRow.joinLabels(job.labels()), job.priority(),
                        job.queuedAt());
                String labels = job.labels().isEmpty() ? "" : " labelled " + String.join(", ", job.labels());
                l.emit(job.runId(), o -> o.note("attempt " + job.attempt() + ": waiting for " + job.nodes()
                        + (job.nodes() == 1 ? " node" : " nodes") + labels));
                granting.run(l);
                return null;
            });
        } catch (RuntimeException e) {
            jobs.remove(job.runId());
            throw e;
        }
    }

    /** Stops a run wherever it is; its nodes are free at once and its runners are told within a heartbeat. */
    public synchronized void cancel(long runId) {
        change(l -> {
            l.end(runId, RunState.Event.CANCEL, AllocationState.Event.CANCEL, "cancelled",
                    RunEnd.cancelled("cancelled"));
            granting.run(l);
            return null;
        });
    }

    // ---- the runners' side (docs/runner-protocol.md)

    public synchronized Registered register(Registration r, Caller caller) {
        if (r.name() == null || !NODE_NAME.matcher(r.name()).matches()) {
            throw new GatekeeperException.InvalidInput("invalid node name '" + r.name()
                    + "': use letters, digits, '.', '_' or '-' (at most 100)");
        }
        if (r.host() == null || r.host().isBlank()) {
            throw new GatekeeperException.InvalidInput("node " + r.name() + " gave no host");
        }
        change(l -> {
            Optional<NodeRow> known = l.dao.node(r.name());
            if (known.isPresent()) {
                if (!caller.owns(known.get())) {
                    throw new PoolException.NotYourNode("node " + r.name() + " belongs to another runner user");
                }
                l.reregister(known.get(), "node " + r.name() + " registered again: its runner restarted");
                l.dao.reregister(NodeRow.joinLabels(r.labels()), r.host(), r.version(), caller.user(), l.now, l.now,
                        r.name());
            } else {
                l.dao.insertNode(r.name(), NodeRow.joinLabels(r.labels()), r.host(), r.version(), caller.user(),
                        l.now, l.now);
            }
            granting.run(l);
            return null;
        });
        LOG.info("node {} registered ({}, labels {})", r.name(), r.host(), r.labels());
        return new Registered(r.name(), settings.heartbeatSeconds(), settings.leaseWaitSeconds());
    }

    public synchronized HeartbeatReply heartbeat(String nodeName, Heartbeat heartbeat, Caller caller) {
        return change(l -> {
            ClusterCalls.present(l, nodeName, caller);
            l.dao.heartbeat(l.now, nodeName);
            List<String> cancel = new ArrayList<>();
            for (String run : heartbeat.runs()) {
                Optional<Membership> held = Membership.find(l.dao, run, nodeName).filter(Membership::holds);
                if (held.isPresent()) {
                    l.dao.renew(l.now, held.get().member().allocationId(), held.get().member().nodeIndex());
                } else {
                    cancel.add(run);
                }
            }
            return new HeartbeatReply(cancel);
        });
    }

    /** Long-polls for this node's next assignment; empty when none came within {@code wait}. */
    public synchronized Optional<Assignment> lease(String nodeName, Duration wait, Caller caller, String gitBase)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closing) {
            NodeRow node = read(l -> ClusterCalls.present(l, nodeName, caller));
            Optional<Assignment> assignment = node.allocationId() == null ? Optional.empty()
                    : change(l -> handOut(l, ClusterCalls.present(l, nodeName, caller), gitBase));
            long left = deadline - System.nanoTime();
            if (assignment.isPresent() || closing || left <= 0) {
                return assignment;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return Optional.empty();
    }

    /** Marks the node ready and long-polls until its directive changes or {@code wait} passes. */
    public synchronized Directive ready(String runId, String nodeName, Duration wait, Caller caller)
            throws InterruptedException {
        Directive.Action first = change(l -> {
            ClusterCalls.present(l, nodeName, caller);
            ClusterCalls.markReady(l, runId, nodeName);
            return ClusterCalls.directive(l, runId, nodeName);
        });
        long deadline = System.nanoTime() + wait.toNanos();
        Directive.Action now = first;
        while (now == first && now != Directive.Action.RUN && now != Directive.Action.RELEASE && !closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
            if (closing) {
                break;
            }
            now = read(l -> ClusterCalls.directive(l, runId, nodeName));
        }
        return Directive.of(now);
    }

    public synchronized void result(String runId, RunResult result, Caller caller) {
        change(l -> {
            Optional<Membership> held = Membership.find(l.dao, runId, result.nodeId()).filter(Membership::holds);
            if (held.isEmpty()) {
                return null;
            }
            NodeRow node = l.dao.node(result.nodeId()).orElseThrow();
            if (!caller.owns(node)) {
                throw new PoolException.NotYourNode("node " + node.name() + " belongs to another runner user");
            }
            new ResultRules(l).apply(held.get(), result);
            granting.run(l);
            return null;
        });
    }

    /** This node's place in the run's cluster, for its log chunks and reports; empty when it has none. */
    public synchronized Optional<Integer> nodeIndex(String runId, String nodeName, Caller caller) {
        return read(l -> {
            NodeRow node = l.dao.node(nodeName).orElse(null);
            if (node != null && !caller.owns(node)) {
                throw new PoolException.NotYourNode("node " + nodeName + " belongs to another runner user");
            }
            return Membership.find(l.dao, runId, nodeName).map(m -> m.member().nodeIndex());
        });
    }

    public synchronized List<NodeView> nodes() {
        return read(l -> NodeViews.of(l.dao));
    }

    /** Marks silent nodes lost, expires unrenewed leases, and grants what can be granted now. */
    public synchronized void sweep() {
        if (closing) {
            return;
        }
        change(l -> {
            Sweep sweep = Sweep.plan(l.dao.nodes(), l.dao.grantedMembers(), settings.liveness(), startedAt, l.now);
            for (NodeRow lost : sweep.lost()) {
                LOG.warn("node {} stopped heartbeating (last at {}): lost", lost.name(), lost.lastHeartbeat());
                l.lose(lost, "node " + lost.name() + " stopped heartbeating (last heartbeat at "
                        + lost.lastHeartbeat() + "): infrastructure error");
            }
            for (MemberRow expired : sweep.expired()) {
                l.endAllocationRun(expired.allocationId(), AllocationState.Event.EXPIRE, "the lease on node "
                        + expired.nodeName() + " expired: it did not renew it: infrastructure error");
            }
            granting.run(l);
            return null;
        });
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.error("pool sweep failed", e);
        }
    }

    // ---- inside a change

    private Optional<Assignment> handOut(PoolLedger l, NodeRow node, String gitBase) {
        if (node.allocationId() == null) {
            return Optional.empty();
        }
        AllocationRow allocation = l.dao.allocation(node.allocationId()).orElseThrow();
        List<MemberRow> members = l.dao.members(allocation.id());
        MemberRow mine = members.stream().filter(m -> m.nodeName().equals(node.name())).findFirst().orElseThrow();
        PoolJob job = jobs.get(allocation.runId());
        if (job == null || mine.handedOut()) {
            // A runner asks for work only when it has none: it gave this run up.
            l.endAllocationRun(allocation.id(), AllocationState.Event.RELEASE, job == null
                    ? "the service no longer knows the run" : "node " + node.name() + " gave the run up");
            granting.run(l);
            return Optional.empty();
        }
        l.dao.handOut(l.now, allocation.id(), mine.nodeIndex());
        List<String> hosts = members.stream().map(m -> l.dao.node(m.nodeName()).orElseThrow().host()).toList();
        return Optional.of(Assignments.of(job, mine.nodeIndex(), hosts, gitBase, node.owner()));
    }

    /**
     * One transaction under the lock; observers hear of it once it committed. Long-polls look again only when a
     * run or an allocation moved: waking them for every heartbeat would have them wake each other for ever.
     */
    private <T> T change(Function<PoolLedger, T> work) {
        Instant now = clock.instant();
        PoolLedger[] ledger = new PoolLedger[1];
        T result = jdbi.inTransaction(h -> {
            ledger[0] = new PoolLedger(h.attach(PoolDao.class), now);
            return work.apply(ledger[0]);
        });
        for (PoolLedger.Emitted e : ledger[0].emitted) {
            PoolJob job = e.last() ? jobs.remove(e.runId()) : jobs.get(e.runId());
            if (job != null) {
                events.execute(() -> tell(job, e));
            }
        }
        if (ledger[0].moved) {
            notifyAll();
        }
        return result;
    }

    private <T> T read(Function<PoolLedger, T> work) {
        return jdbi.withHandle(h -> work.apply(new PoolLedger(h.attach(PoolDao.class), clock.instant())));
    }

    private static void tell(PoolJob job, PoolLedger.Emitted e) {
        try {
            e.call().accept(job.observer());
        } catch (RuntimeException ex) {
            LOG.error("observer of run {} failed", job.runId(), ex);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
