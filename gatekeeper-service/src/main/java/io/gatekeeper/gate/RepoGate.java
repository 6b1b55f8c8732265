package io.gatekeeper.gate;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.events.ChangeFeed;
import io.gatekeeper.events.Webhooks;
import io.gatekeeper.git.GitRefs;
import io.gatekeeper.git.RefChange;
import io.gatekeeper.queue.Action;
import io.gatekeeper.queue.Event;
import io.gatekeeper.queue.QueueEngine;
import io.gatekeeper.queue.QueueView;
import io.gatekeeper.queue.QueuedRequest;
import io.gatekeeper.runs.TierDispatcher;
import io.gatekeeper.store.AuditDao;
import io.gatekeeper.store.AuditRow;
import io.gatekeeper.store.CandidateDao;
import io.gatekeeper.store.RepoControlRow;
import io.gatekeeper.store.RequestDao;
import io.gatekeeper.store.RequestRow;
import io.gatekeeper.store.RequestState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One repository's gate: a single thread that owns the queue engine and performs its actions. Pushes, scans,
 * build results, run results and privileged commands all arrive here as tasks, so the engine sees one event at
 * a time and the database sees one transition at a time. Plan (engine) and execution (builder, runner, lander)
 * stay apart.
 */
public final class RepoGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepoGate.class);

    private final GateContext ctx;
    private final QueueEngine engine;
    private final RequestIntake intake;
    private final ReceivesInFlight receives;
    private final CandidateBuilder builder;
    private final TierRunner runner;
    private final Lander lander;
    private final Controls controls;
    private final Verifier verifier;
    private final PrivilegedLandings privileged;
    private final TierOutcomeJudge judge;
    private final Map<Long, Candidate> candidates = new HashMap<>();
    private final ExecutorService loop;
    private volatile QueueView view = new QueueView(List.of());
    private volatile String holdReason;

    RepoGate(GateContext ctx, Function<Long, QueueEngine> engineFactory, TierDispatcher dispatcher,
             FailedTests failedTests, Webhooks webhooks, boolean holdOnBrokenHead) {
        this(ctx, engineFactory, dispatcher, failedTests, webhooks, holdOnBrokenHead, TierOutcomeJudge.NONE);
    }

    RepoGate(GateContext ctx, Function<Long, QueueEngine> engineFactory, TierDispatcher dispatcher,
             FailedTests failedTests, Webhooks webhooks, boolean holdOnBrokenHead, TierOutcomeJudge judge) {
        this.ctx = ctx;
        this.judge = judge;
        long firstCandidate = ctx.jdbi().withExtension(CandidateDao.class, d -> d.maxNumber(ctx.repo().id())) + 1;
        this.engine = engineFactory.apply(firstCandidate);
        this.intake = new RequestIntake(ctx);
        this.receives = new ReceivesInFlight(ctx.clock());
        this.builder = new CandidateBuilder(ctx);
        this.runner = new TierRunner(ctx, dispatcher, failedTests, judge);
        this.lander = new Lander(ctx);
        this.controls = new Controls(ctx, holdOnBrokenHead);
        this.privileged = new PrivilegedLandings(ctx, webhooks);
        this.verifier = new Verifier(ctx, runner, this::submit, privileged);
        this.privileged.attach(verifier, intake, this::handleAll);
        this.loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "gate-" + ctx.repo().name()));
    }

    public String name() {
        return ctx.repo().name();
    }

    /** Resumes every open request after a (re)start, then looks for branches pushed while we were down. */
    void start() {
        submit(() -> {
            var head = GitRefs.resolve(ctx.git(), ctx.headRef()).orElse(null);
            List<Event> resumed = new java.util.ArrayList<>();
            for (RequestRow row : ctx.jdbi().withExtension(RequestDao.class, d -> d.open(ctx.repo().id()))) {
                if (lander.recognise(row, head)) {
                    continue;
                }
                if (row.requestState() == RequestState.TESTING) {
                    ctx.jdbi().useExtension(RequestDao.class, d -> d.backToQueue(row.id(),
                            row.candidateNo() == null ? -1 : row.candidateNo(), ctx.clock().instant()));
                }
                resumed.add(new Event.RequestQueued(queued(row)));
            }
            handleAll(resumed);
            handleAll(intake.scan());
        });
    }

    public void onPush(List<RefChange> changes, String pusher) {
        submit(() -> handleAll(intake.onPush(changes, pusher)));
    }

    /** A periodic ref scan; skipped while a push is moving refs, whose post-receive reports them together. */
    public void scan() {
        submit(() -> {
            if (!receives.any()) {
                handleAll(intake.scan());
            }
        });
    }

    void receiving() {
        receives.started();
    }

    void received() {
        receives.ended();
    }

    public void tick() {
        submit(() -> {
            handle(new Event.Tick());
            verifier.retryDue(ctx.clock().instant());
            releaseHeld();
        });
    }

    public QueueView view() {
        return view;
    }

    /** Why landings wait (frozen, broken head), or null. */
    public String holdReason() {
        return holdReason;
    }

    public RepoControlRow controls() {
        return controls.state();
    }

    /** Lands a queued, testing or rejected request now, without its tiers; verified afterwards. */
    public CompletableFuture<RequestRow> bypass(long requestId, String actor, String reason) {
        return call(() -> {
            RequestRow row = request(requestId);
            if (!row.open() && row.requestState() != RequestState.REJECTED) {
                throw new GatekeeperException.Conflict("request " + requestId + " is " + row.state()
                        + ": only queued, testing or rejected requests can be bypassed");
            }
            if (row.open()) {
                handle(new Event.RequestWithdrawn(requestId));
            }
            RequestRow landed = privileged.bypass(row, actor, reason);
            publish("request", requestId, "merged");
            handle(new Event.HeadMoved());
            return landed;
        });
    }

    public CompletableFuture<RequestRow> setPriority(long requestId, int priority, String actor, String reason) {
        return call(() -> {
            RequestRow row = request(requestId);
            if (!row.open()) {
                throw new GatekeeperException.Conflict("request " + requestId + " is " + row.state()
                        + ": only queued or testing requests have a priority");
            }
            var now = ctx.clock().instant();
            ctx.jdbi().useTransaction(h -> {
                h.attach(RequestDao.class).setPriority(priority, now, requestId);
                h.attach(AuditDao.class).append(AuditRow.of(now, actor, "priority", ctx.repo().name(),
                        row.branch() + " (request " + requestId + ")", null, null,
                        row.priority() + " -> " + priority + (reason == null ? "" : ": " + reason)));
            });
            handle(new Event.PriorityChanged(requestId, priority));
            publish("request", requestId, "priority");
            return request(requestId);
        });
    }

    public CompletableFuture<RepoControlRow> pause(String actor, String reason, Instant until) {
        return call(() -> {
            privileged.pause(actor, reason, until);
            handle(new Event.LandingsPaused(reason));
            refreshHold();
            return controls.state();
        });
    }

    public CompletableFuture<RepoControlRow> resume(String actor, String reason) {
        return call(() -> {
            privileged.resume(actor, reason);
            handle(new Event.LandingsResumed());
            releaseHeld();
            return controls.state();
        });
    }

    private <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private RequestRow request(long id) {
        return ctx.jdbi().withExtension(RequestDao.class, d -> d.byId(id))
                .filter(r -> r.repoId() == ctx.repo().id())
                .orElseThrow(() -> new GatekeeperException.NotFound("no request " + id + " in " + ctx.repo().name()));
    }

    private static QueuedRequest queued(RequestRow row) {
        return new QueuedRequest(row.id(), row.priority(), row.queuedAt(), row.commits(), "push".equals(row.kind()));
    }

    private void submit(Runnable task) {
        if (loop.isShutdown()) {
            return;
        }
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("gate {}: task failed", ctx.repo().name(), e);
            }
        });
    }

    /** Requests queued by one push (or resumed together) reach the engine as one event, so they can batch. */
    private void handleAll(List<Event> events) {
        List<QueuedRequest> together = new java.util.ArrayList<>();
        for (Event e : events) {
            if (e instanceof Event.RequestQueued q) {
                together.add(q.request());
                continue;
            }
            flush(together);
            handle(e);
        }
        flush(together);
    }

    private void flush(List<QueuedRequest> together) {
        if (together.size() == 1) {
            handle(new Event.RequestQueued(together.get(0)));
        } else if (!together.isEmpty()) {
            handle(new Event.RequestsQueued(together));
        }
        together.clear();
    }

    private void handle(Event event) {
        announce(event);
        List<Action> actions = engine.handle(event, ctx.clock().instant());
        view = engine.view(ctx.clock().instant());
        for (Action action : actions) {
            perform(action);
        }
    }

    private void perform(Action action) {
        if (action instanceof Action.BuildCandidate a) {
            CandidateBuilder.Built built = builder.build(a, candidates);
            if (built.candidate() != null) {
                candidates.put(a.candidateId(), built.candidate());
            }
            submit(() -> handle(built.event()));
        } else if (action instanceof Action.RunTier a) {
            Candidate c = candidates.get(a.candidateId());
            if (c != null) {
                publish("run", 0, "started");
                runner.start(c, a.tier(), done -> submit(() -> {
                    Event e = runner.finish(done);
                    if (e != null && candidates.get(done.candidate().number) == done.candidate()) {
                        handle(e);
                    }
                }), e -> submit(() -> handle(e)));
            }
        } else if (action instanceof Action.CancelCandidate a) {
            cancel(a.candidateId());
        } else if (action instanceof Action.Land a) {
            land(a);
        } else if (action instanceof Action.UnexplainedFailure a) {
            LOG.info("gate {}: candidate {} failed tier {} with no culprit: {}", ctx.repo().name(),
                    a.candidateId(), a.tier(), a.evidence());
            ctx.jdbi().withExtension(CandidateDao.class, d -> d.sha(ctx.repo().id(), a.candidateId()))
                    .ifPresent(sha -> judge.noCulprit(ctx.repo().name(), List.of(sha)));
        } else if (action instanceof Action.Reject a) {
            ctx.jdbi().useExtension(RequestDao.class, d -> d.finish(a.requestId(), RequestState.REJECTED.wire(),
                    a.reason(), ctx.clock().instant()));
            LOG.info("gate {}: request {} rejected: {}", ctx.repo().name(), a.requestId(), a.reason());
            publish("request", a.requestId(), "rejected");
            privileged.requestEnded(a.requestId(), "rejected", a.reason());
        }
    }

    private void land(Action.Land a) {
        Candidate c = candidates.get(a.candidateId());
        if (c == null) {
            return;
        }
        String hold = controls.holdReason(ctx.clock().instant(), c.carriesRevert);
        if (hold != null) {
            controls.hold(a);
            holdReason = hold;
            return;
        }
        Event e = lander.land(a, c);
        if (e instanceof Event.Landed) {
            candidates.remove(a.candidateId());
            a.requestIds().forEach(id -> publish("request", id, "merged"));
            privileged.landed(c, a.requestIds());
        }
        submit(() -> handle(e));
    }

    private void refreshHold() {
        holdReason = controls.holdReason(ctx.clock().instant(), false);
    }

    private void releaseHeld() {
        refreshHold();
        for (Action.Land land : controls.release()) {
            land(land);
        }
        refreshHold();
    }

    /** Tells the change feed what an event changed; subscribers re-read the API for details. */
    private void announce(Event event) {
        if (event instanceof Event.RequestQueued e) {
            publish("request", e.request().id(), "queued");
        } else if (event instanceof Event.RequestsQueued e) {
            e.requests().forEach(r -> publish("request", r.id(), "queued"));
        } else if (event instanceof Event.RequestWithdrawn e) {
            publish("request", e.requestId(), "withdrawn");
        } else if (event instanceof Event.CandidateBuilt e) {
            Candidate c = candidates.get(e.candidateId());
            if (c != null) {
                c.requestIds.forEach(id -> publish("request", id, "testing"));
            }
        } else if (event instanceof Event.Landed e) {
            publish("head", e.candidateId(), "landed");
        } else if (event instanceof Event.TierPassed || event instanceof Event.TierFailed
                || event instanceof Event.TierInfraError) {
            publish("run", 0, "finished");
        }
    }

    private void publish(String type, long id, String state) {
        ctx.feed().publish(new ChangeFeed.Change(type, ctx.repo().name(), id, state, ctx.clock().instant()));
    }

    private void cancel(long number) {
        Candidate c = candidates.remove(number);
        controls.forget(number);
        if (c == null) {
            return;
        }
        c.cancelAll();
        var now = ctx.clock().instant();
        ctx.jdbi().useTransaction(h -> {
            h.attach(CandidateDao.class).setState("cancelled", now, ctx.repo().id(), number);
            for (long id : c.requestIds) {
                h.attach(RequestDao.class).backToQueue(id, number, now);
            }
        });
    }

    @Override
    public void close() {
        loop.shutdownNow();
        candidates.values().forEach(Candidate::cancelAll);
        verifier.cancelAll();
        try {
            loop.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
