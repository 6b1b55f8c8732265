package io.gatekeeper.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One candidate of the pipeline: its own requests rebased onto its parent's commit (or onto head), and the
 * state of each of its tiers. Its content is its ancestors' requests plus its own.
 */
final class Candidate {

    enum State {
        /** BuildCandidate sent, no answer yet. */
        BUILDING,
        TESTING,
        /** Every tier passed; lands once every ancestor has. */
        PASSED,
        LANDING,
        /** Failed a tier that a descendant (which contains it) then passed: lands with that descendant. */
        SUPERSEDED,
        /** Failed a tier while an ancestor that may be the real cause has not passed that tier yet. */
        HELD,
        LANDED,
        /** Failed, cancelled or withdrawn: gone for good. */
        GONE
    }

    enum RunStatus { WAITING, RUNNING, PASSED, FAILED }

    static final class TierRun {
        RunStatus status = RunStatus.WAITING;
        Instant startedAt;
        /** Infrastructure failures of this run so far, and the last one's reason. */
        int infraErrors;
        String infraReason;
        /** While the infrastructure keeps failing: the run waits until then (null: may start now). */
        Instant notBefore;

        boolean mayStart(Instant now) {
            return status == RunStatus.WAITING && (notBefore == null || !notBefore.isAfter(now));
        }

        boolean held(Instant now) {
            return status == RunStatus.WAITING && notBefore != null && notBefore.isAfter(now);
        }
    }

    /** Where a candidate sits; only the chain lands. */
    enum Kind {
        /** In the speculative chain: runs every tier and lands. */
        CHAIN,
        /** Fresh requests built on head to run the cheap tiers only; passing requests join the chain's queue. */
        SCREEN,
        /** An isolation part built on head to run only the tier its batch failed. */
        PROBE
    }

    final long id;
    final Kind kind;
    /** For a probe: the tier it asks about. */
    final String probeTier;
    final Candidate parent;
    final WaitingQueue.Group group;
    final Instant createdAt;
    State state = State.BUILDING;
    List<String> tiers = List.of();
    final Map<String, TierRun> runs = new LinkedHashMap<>();
    /** Set while {@link State#HELD} or {@link State#SUPERSEDED}: the failure that put it there. */
    Failure failure;
    /** Set while {@link State#SUPERSEDED}: the record of the failure a descendant contradicted. */
    FailureRecord contradicted;

    record Failure(String tier, String reason, List<String> tests) { }

    Candidate(long id, Candidate parent, WaitingQueue.Group group, Instant createdAt) {
        this(id, Kind.CHAIN, null, parent, group, createdAt);
    }

    static Candidate probe(long id, String tier, WaitingQueue.Group group, Instant createdAt) {
        return new Candidate(id, Kind.PROBE, tier, null, group, createdAt);
    }

    static Candidate screen(long id, WaitingQueue.Group group, Instant createdAt) {
        return new Candidate(id, Kind.SCREEN, null, null, group, createdAt);
    }

    private Candidate(long id, Kind kind, String probeTier, Candidate parent, WaitingQueue.Group group,
                      Instant createdAt) {
        this.id = id;
        this.kind = kind;
        this.probeTier = probeTier;
        this.parent = parent;
        this.group = group;
        this.createdAt = createdAt;
    }

    List<QueuedRequest> requests() {
        return group.requests();
    }

    List<Long> requestIds() {
        return group.requests().stream().map(QueuedRequest::id).toList();
    }

    boolean contains(long requestId) {
        return group.requests().stream().anyMatch(r -> r.id() == requestId);
    }

    /** Off the chain (a screen or an isolation probe): built on head, never lands. */
    boolean isProbe() {
        return kind != Kind.CHAIN;
    }

    /** @param tierNames the tiers this candidate runs, cheapest first */
    void built(List<String> tierNames) {
        tiers = List.copyOf(tierNames);
        for (String t : tiers) {
            runs.put(t, new TierRun());
        }
        state = tiers.isEmpty() ? State.PASSED : State.TESTING;
    }

    boolean passed(String tier) {
        TierRun run = runs.get(tier);
        return run != null && run.status == RunStatus.PASSED;
    }

    boolean allPassed() {
        return runs.values().stream().allMatch(r -> r.status == RunStatus.PASSED);
    }

    int running() {
        return (int) runs.values().stream().filter(r -> r.status == RunStatus.RUNNING).count();
    }

    List<String> runningTiers() {
        List<String> names = new ArrayList<>();
        runs.forEach((name, run) -> {
            if (run.status == RunStatus.RUNNING) {
                names.add(name);
            }
        });
        return names;
    }

    /** Un-landed ancestors, nearest first. */
    List<Candidate> pendingAncestors() {
        List<Candidate> out = new ArrayList<>();
        for (Candidate a = parent; a != null && a.state != State.LANDED; a = a.parent) {
            out.add(a);
        }
        return out;
    }

    boolean live() {
        return state != State.LANDED && state != State.GONE;
    }

    @Override
    public String toString() {
        return "candidate " + id + " " + requestIds() + " " + state;
    }
}
