package io.gatekeeper.gate;

import io.dropwizard.lifecycle.Managed;
import io.gatekeeper.events.ChangeFeed;
import io.gatekeeper.events.Webhooks;
import io.gatekeeper.git.GitPrincipal;
import io.gatekeeper.git.PushListener;
import io.gatekeeper.git.RefChange;
import io.gatekeeper.git.RepositoryStore;
import io.gatekeeper.queue.EngineSettings;
import io.gatekeeper.queue.InfraHold;
import io.gatekeeper.queue.QueueEngines;
import io.gatekeeper.runs.TierDispatcher;
import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.store.RepoRow;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** All repositories' gates: created per repository, fed by the receive hook and a periodic ref scan. */
public final class Gates implements Managed, PushListener {
    private final Map<String, RepoGate> gates = new ConcurrentHashMap<>();
    private final Map<String, org.eclipse.jgit.lib.Repository> open = new ConcurrentHashMap<>();
    private final Jdbi jdbi;
    private final RepositoryStore store;
    private final Clock clock;
    private final Path dataDir;
    private final TierDispatcher dispatcher;
    private final FailedTests failedTests;
    private final String strategy;
    private final int batchMax;
    private final int slots;
    private final Duration scanInterval;
    private final ChangeFeed feed;
    private final Webhooks webhooks;
    private final boolean holdOnBrokenHead;
    private final List<RepoRow> pending = new java.util.ArrayList<>();
    private volatile boolean started;
    private volatile TierOutcomeJudge judge = TierOutcomeJudge.NONE;
    private volatile InfraHold infraHold = InfraHold.defaults();
    private ScheduledExecutorService scheduler;

    public Gates(Jdbi jdbi, RepositoryStore store, Clock clock, Path dataDir, TierDispatcher dispatcher,
                 FailedTests failedTests, String strategy, int batchMax, int slots, Duration scanInterval,
                 ChangeFeed feed, Webhooks webhooks, boolean holdOnBrokenHead) {
        this.feed = feed;
        this.webhooks = webhooks;
        this.holdOnBrokenHead = holdOnBrokenHead;
        this.jdbi = jdbi;
        this.store = store;
        this.clock = clock;
        this.dataDir = dataDir;
        this.dispatcher = dispatcher;
        this.failedTests = failedTests;
        this.strategy = strategy;
        this.batchMax = batchMax;
        this.slots = slots;
        this.scanInterval = scanInterval;
        QueueEngines.create(strategy, EngineSettings.defaults(), new SplittableRandom(0)); // fail fast on a bad name
    }

    @Override
    public void start() {
        jdbi.useExtension(CandidateDao.class, d -> {
            d.abandonRunning(clock.instant());
            d.abandonTesting(clock.instant());
        });
        synchronized (this) {
            started = true;
            pending.forEach(this::add);
            pending.clear();
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gate-scheduler");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, scanInterval.toMillis());
        scheduler.scheduleWithFixedDelay(() -> gates.values().forEach(g -> {
            g.scan();
            g.tick();
        }), every, every, TimeUnit.MILLISECONDS);
    }

    /** Judges every finished tier run of gates created from now on (set before {@link #start()}). */
    public void judgeRunsWith(TierOutcomeJudge judge) {
        this.judge = java.util.Objects.requireNonNull(judge);
    }

    /** How tier runs the infrastructure keeps failing are retried, for gates created from now on. */
    public void holdInfraWith(InfraHold hold) {
        this.infraHold = java.util.Objects.requireNonNull(hold);
    }

    /** Starts the gate of a repository (at start-up, or when an admin creates one). */
    public synchronized void add(RepoRow repo) {
        if (!started) {
            pending.add(repo);
            return;
        }
        gates.computeIfAbsent(repo.name(), name -> {
            var git = store.open(name);
            open.put(name, git);
            GateContext ctx = new GateContext(repo, git, jdbi, clock, dataDir, feed, infraHold);
            RepoGate gate = new RepoGate(ctx, first -> QueueEngines.create(strategy,
                    new EngineSettings(batchMax, slots, first, ctx.infraHold()), new SplittableRandom(repo.id())),
                    dispatcher, failedTests, webhooks, holdOnBrokenHead, judge);
            gate.start();
            return gate;
        });
    }

    public Optional<RepoGate> gate(String repo) {
        return Optional.ofNullable(gates.get(repo));
    }

    @Override
    public void onPush(String repo, GitPrincipal pusher, List<RefChange> changes) {
        RepoGate gate = gates.get(repo);
        if (gate != null) {
            gate.onPush(changes, pusher == null ? null : pusher.name());
        }
    }

    @Override
    public void receiving(String repo) {
        RepoGate gate = gates.get(repo);
        if (gate != null) {
            gate.receiving();
        }
    }

    @Override
    public void received(String repo) {
        RepoGate gate = gates.get(repo);
        if (gate != null) {
            gate.received();
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        gates.values().forEach(RepoGate::close);
        gates.clear();
        dispatcher.close();
        open.values().forEach(org.eclipse.jgit.lib.Repository::close);
        open.clear();
    }
}
