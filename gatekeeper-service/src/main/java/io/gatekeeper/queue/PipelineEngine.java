package io.gatekeeper.queue;

import io.gatekeeper.queue.Candidate.Failure;
import io.gatekeeper.queue.Candidate.RunStatus;
import io.gatekeeper.queue.Candidate.State;
import io.gatekeeper.queue.Candidate.TierRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bookkeeping every pipelined strategy shares: a linear chain of candidates on head (each built on the one
 * before), tier runs under a capacity limit, fail-fast cancellation, attribution of failures, landing in order.
 * What differs between strategies is asked of the {@link QueuePolicy}.
 *
 * <p>Invariants: a candidate lands only after every tier passed and every ancestor landed (or was superseded
 * by it, see {@link Action.Land#casFromBaseOf}); at most {@code slots} tier runs are running; a failed
 * candidate's requests are judged only when the failure is its own: every un-landed ancestor passed that tier.
 */
final class PipelineEngine implements QueueEngine {
    static final Duration AGING_STEP = Duration.ofHours(1);

    private final QueuePolicy policy;
    private final int batchMax;
    private final WaitingQueue waiting = new WaitingQueue(AGING_STEP);
    private final WaitingQueue screening = new WaitingQueue(AGING_STEP);
    private final FailureLedger ledger = new FailureLedger();
    private final TierDurations durations = new TierDurations();
    private final Chain chain = new Chain();
    private final ArrivalRate arrivals = new ArrivalRate();
    private final FailureHandler failures;
    private final InfraHold infraHold;
    private int slots;
    private long nextCandidateId;
    private String pausedReason;
    private Instant now;

    PipelineEngine(QueuePolicy policy, EngineSettings settings) {
        this.policy = policy;
        this.batchMax = settings.batchMax();
        this.slots = settings.slots();
        this.nextCandidateId = settings.firstCandidateId();
        this.infraHold = settings.infraHold();
        this.failures = new FailureHandler(policy, chain, waiting, ledger, () -> nextCandidateId++);
    }

    @Override
    public List<Action> handle(Event event, Instant now) {
        this.now = now;
        List<Action> out = new ArrayList<>();
        if (event instanceof Event.RequestQueued e) {
            queued(e.request(), out);
        } else if (event instanceof Event.RequestsQueued e) {
            e.requests().forEach(r -> queued(r, out));
        } else if (event instanceof Event.RequestWithdrawn e) {
            withdrawn(e.requestId(), out);
        } else if (event instanceof Event.CandidateBuilt e) {
            built(e, out);
        } else if (event instanceof Event.CandidateConflict e) {
            conflict(e, out);
        } else if (event instanceof Event.TierPassed e) {
            tierPassed(e, out);
        } else if (event instanceof Event.TierFailed e) {
            tierFailed(e, out);
        } else if (event instanceof Event.TierInfraError e) {
            infraError(e, out);
        } else if (event instanceof Event.Landed e) {
            landed(e.candidateId(), out);
        } else if (event instanceof Event.LandRefused e) {
            if (chain.find(e.candidateId()).filter(c -> c.state == State.LANDING).isPresent()) {
                chain.cancelFrom(0, 0, waiting, out);
            }
        } else if (event instanceof Event.HeadMoved) {
            chain.cancelFrom(chain.landingIndex() + 1, 0, waiting, out);
        } else if (event instanceof Event.PriorityChanged e) {
            if (!waiting.changePriority(e.requestId(), e.priority())) {
                screening.changePriority(e.requestId(), e.priority());
            }
        } else if (event instanceof Event.CapacityChanged e) {
            slots = e.slots();
        } else if (event instanceof Event.LandingsPaused e) {
            pausedReason = e.reason() == null || e.reason().isBlank() ? "no reason given" : e.reason();
        } else if (event instanceof Event.LandingsResumed) {
            pausedReason = null;
        }
        failures.settleHeld(now, out);
        land(out);
        TierScheduler.startRuns(chain.testable(), slots, chainQuota(), policy.staging(), durations, now, out);
        // Screens first: they are short, and they feed the chain.
        buildScreens(out);
        build(now, out);
        return out;
    }

    @Override
    public QueueView view(Instant now) {
        this.now = now;
        return new ViewBuilder(chain, waiting, screening, policy, batchMax, load(), pausedReason).build(now);
    }

    /** A one-line summary of the pipeline, for traces. */
    @Override
    public String toString() {
        StringBuilder states = new StringBuilder();
        for (Candidate c : chain.candidates()) {
            states.append(c.state.name().charAt(0)).append(c.requests().size()).append(' ');
        }
        return "chain[" + states.toString().trim() + "] probes=" + chain.probes().size() + " held="
                + chain.held().size() + " running=" + TierScheduler.running(chain.testable()) + "/" + slots
                + " depth=" + policy.depth(slots, durations) + " waiting=" + waiting.size() + " screening="
                + screening.size();
    }

    private void queued(QueuedRequest request, List<Action> out) {
        arrivals.arrived(now);
        Optional<String> refusal = policy.screen(request);
        if (refusal.isPresent()) {
            out.add(new Action.Reject(request.id(), refusal.get()));
            return;
        }
        if (request.privileged()) {
            // A push-request lands ahead of everything: whatever was built on the current head is rebuilt on it.
            chain.cancelFrom(chain.landingIndex() + 1, 0, waiting, out);
        }
        if (policy.screens() && !request.privileged()) {
            screening.add(request);
        } else {
            waiting.add(request);
        }
    }

    private void withdrawn(long requestId, List<Action> out) {
        if (waiting.remove(requestId) || screening.remove(requestId)) {
            ledger.resolved(requestId, false, out);
            return;
        }
        int at = chain.indexContaining(requestId);
        if (at >= 0 && chain.landingIndex() < at) {
            chain.cancelFrom(at, requestId, waiting, out);
            ledger.resolved(requestId, false, out);
            return;
        }
        for (Candidate p : chain.probes()) {
            if (p.contains(requestId)) {
                ledger.probeDropped(p);
                chain.dropProbe(p);
                out.add(new Action.CancelCandidate(p.id));
                requeueFree(p.group.without(requestId));
                ledger.resolved(requestId, false, out);
                return;
            }
        }
        for (Candidate h : chain.held()) {
            if (h.contains(requestId)) {
                chain.dropHeld(h);
                requeue(h.group.without(requestId));
                ledger.resolved(requestId, false, out);
                return;
            }
        }
    }

    private void built(Event.CandidateBuilt e, List<Action> out) {
        chain.find(e.candidateId()).filter(c -> c.state == State.BUILDING).ifPresent(c -> {
            switch (c.kind) {
                case PROBE -> c.built(e.tiers().contains(c.probeTier) ? List.of(c.probeTier) : e.tiers());
                case SCREEN -> c.built(policy.screenTiers(e.tiers(), durations));
                default -> {
                    c.built(e.tiers());
                    durations.tiersSeen(e.tiers());
                }
            }
            if (c.state == State.PASSED) {
                ledger.partPassed(c);
            }
        });
    }

    private void conflict(Event.CandidateConflict e, List<Action> out) {
        Optional<Candidate> found = chain.find(e.candidateId()).filter(c -> c.state == State.BUILDING);
        if (found.isEmpty()) {
            return;
        }
        Candidate c = found.get();
        if (c.isProbe()) {
            // The chain will meet the same conflict and judge it there.
            ledger.probeDropped(c);
            chain.dropProbe(c);
            requeueFree(c.group);
            return;
        }
        chain.cancelFrom(chain.indexOf(c) + 1, 0, waiting, out);
        chain.remove(c);
        c.state = State.GONE;
        if (e.requestId() == 0 || !c.contains(e.requestId())) {
            for (long id : c.requestIds()) {
                out.add(new Action.Reject(id, "candidate " + c.id + " cannot be built: " + e.reason()));
                ledger.resolved(id, true, out);
            }
            return;
        }
        // On a speculative base the conflict may be with a request ahead that will not land: one more try.
        boolean speculative = !c.pendingAncestors().isEmpty();
        requeue(c.group.without(e.requestId()));
        if (speculative && ledger.strikes(List.of(e.requestId())) == 0) {
            ledger.strike(List.of(e.requestId()));
            c.requests().stream().filter(r -> r.id() == e.requestId()).forEach(waiting::add);
        } else {
            out.add(new Action.Reject(e.requestId(), "does not apply on candidate " + c.id + "'s base: " + e.reason()));
            ledger.resolved(e.requestId(), true, out);
        }
    }

    private void tierPassed(Event.TierPassed e, List<Action> out) {
        Optional<TierRun> run = chain.runningRun(e.candidateId(), e.tier());
        if (run.isEmpty()) {
            return;
        }
        run.get().status = RunStatus.PASSED;
        durations.observe(e.tier(), e.took());
        Candidate c = chain.find(e.candidateId()).orElseThrow();
        if (c.allPassed()) {
            ledger.partPassed(c);
            if (c.group.origin() == null) {
                policy.batchOutcome(c, false);
            }
            if (c.isProbe()) {
                // Cleared of the failure it was probed for: back to the queue, where its age puts it in front,
                // once the other probes of its round are done, so that what a round clears lands as one batch.
                ledger.probeDone(c, true, out);
                chain.dropProbe(c);
                out.add(new Action.CancelCandidate(c.id));
                FailureRecord round = c.group.origin();
                if (round != null && round.openProbes > 0) {
                    waiting.requeueUntilRoundEnds(c.group.requests(), round);
                } else {
                    requeueFree(c.group);
                }
            } else {
                c.state = State.PASSED;
            }
        }
    }


    private void tierFailed(Event.TierFailed e, List<Action> out) {
        Optional<TierRun> run = chain.runningRun(e.candidateId(), e.tier());
        if (run.isEmpty()) {
            return;
        }
        durations.observe(e.tier(), e.took());
        if (policy.rerunsFailedTiers()) {
            run.get().status = RunStatus.WAITING;
            return;
        }
        run.get().status = RunStatus.FAILED;
        failures.failed(chain.find(e.candidateId()).orElseThrow(),
                new Failure(e.tier(), e.reason(), e.failedTests()), now, out);
    }

    /** Never the change's fault: the run is tried again, at once or after a hold (see {@link InfraHold}). */
    private void infraError(Event.TierInfraError e, List<Action> out) {
        Optional<TierRun> run = chain.runningRun(e.candidateId(), e.tier());
        if (run.isEmpty()) {
            return;
        }
        TierRun r = run.get();
        r.status = RunStatus.WAITING;
        r.infraErrors++;
        r.infraReason = e.reason();
        r.notBefore = infraHold.nextAttempt(r.infraErrors, now);
    }

    private void landed(long candidateId, List<Action> out) {
        Optional<Candidate> c = chain.find(candidateId).filter(x -> x.state == State.LANDING);
        if (c.isPresent()) {
            int requests = 0;
            for (Candidate l : chain.removeThrough(c.get())) {
                l.state = State.LANDED;
                requests += l.requests().size();
                l.requestIds().forEach(id -> ledger.resolved(id, false, out));
            }
            policy.onLanded(requests);
        }
    }



    private void land(List<Action> out) {
        if (pausedReason != null || chain.landingIndex() >= 0) {
            return;
        }
        List<Candidate> all = chain.candidates();
        int i = 0;
        while (i < all.size() && all.get(i).state == State.SUPERSEDED) {
            i++;
        }
        if (i < all.size() && all.get(i).state == State.PASSED) {
            Candidate c = all.get(i);
            List<Long> ids = new ArrayList<>();
            all.subList(0, i + 1).forEach(x -> ids.addAll(x.requestIds()));
            c.state = State.LANDING;
            out.add(new Action.Land(c.id, ids, i == 0 ? OptionalLong.empty() : OptionalLong.of(all.get(0).id)));
        }
    }

    private void build(Instant now, List<Action> out) {
        if (chain.size() >= policy.depth(slots, durations) || waiting.isEmpty()) {
            return;
        }
        Candidate tail = chain.tail();
        if (tail != null && tail.state == State.BUILDING) {
            return;
        }
        if (policy.buildsOnlyIntoFreeCapacity()
                && !TierScheduler.roomForNewCandidate(chain.candidates(), chainQuota(), policy.staging(), durations)) {
            return;
        }
        int queued = waiting.size();
        Load load = load();
        int size = policy.batchRequests(batchMax, load);
        if (!waiting.nextIsUrgent() && !policy.readyToBuild(load, waiting.longestWait(now), size, chain.size())) {
            return;
        }
        WaitingQueue.Group group = waiting.takeNext(size, policy.batchWeight(batchMax, load)).orElseThrow();
        Candidate c = new Candidate(nextCandidateId++, tail, group, now);
        chain.append(c);
        out.add(new Action.BuildCandidate(c.id, tail == null ? OptionalLong.empty() : OptionalLong.of(tail.id),
                c.requestIds()));
    }

    private int chainQuota() {
        return Math.max(1, (int) Math.round(slots * policy.chainShare()));
    }

    private Load load() {
        return new Load(waiting.size(), Math.max(1, policy.depth(slots, durations) - chain.size()),
                arrivals.perHour(now), slots, durations.lastTiers(), durations);
    }

    /** Screens are built on head whenever the pool has room, after the chain has had its turn. */
    private void buildScreens(List<Action> out) {
        while (!screening.isEmpty()
                && TierScheduler.roomForNewCandidate(chain.testable(), slots, policy.staging(), durations)) {
            int queued = screening.size();
            WaitingQueue.Group group = screening.takeNext(policy.screenBatch(batchMax, queued),
                    policy.screenBatch(batchMax, queued)).orElseThrow();
            Candidate s = Candidate.screen(nextCandidateId++, group, now);
            chain.addProbe(s);
            out.add(new Action.BuildCandidate(s.id, OptionalLong.empty(), s.requestIds()));
        }
    }

    private void requeueFree(WaitingQueue.Group group) {
        requeue(new WaitingQueue.Group(group.requests(), false, -1, null));
    }

    private void requeue(WaitingQueue.Group group) {
        if (!group.requests().isEmpty()) {
            waiting.requeue(group);
        }
    }
}
