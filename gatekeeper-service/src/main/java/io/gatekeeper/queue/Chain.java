package io.gatekeeper.queue;

import io.gatekeeper.queue.Candidate.RunStatus;
import io.gatekeeper.queue.Candidate.State;
import io.gatekeeper.queue.Candidate.TierRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The live candidates: a linear chain of un-landed candidates on head, oldest first (each built on the one
 * before it), and the failed candidates held until their failure can be attributed.
 */
final class Chain {
    private final List<Candidate> chain = new ArrayList<>();
    private final List<Candidate> held = new ArrayList<>();
    private final List<Candidate> probes = new ArrayList<>();

    List<Candidate> candidates() {
        return Collections.unmodifiableList(chain);
    }

    List<Candidate> held() {
        return Collections.unmodifiableList(held);
    }

    List<Candidate> probes() {
        return Collections.unmodifiableList(probes);
    }

    void addProbe(Candidate probe) {
        probes.add(probe);
    }

    void dropProbe(Candidate probe) {
        probes.remove(probe);
        probe.state = State.GONE;
    }

    /** Chain and probes, oldest first: the order in which they get clusters. */
    List<Candidate> testable() {
        List<Candidate> all = new ArrayList<>(chain);
        all.addAll(probes);
        all.sort((a, b) -> Long.compare(a.id, b.id));
        return all;
    }

    int size() {
        return chain.size();
    }

    Candidate tail() {
        return chain.isEmpty() ? null : chain.get(chain.size() - 1);
    }

    void append(Candidate c) {
        chain.add(c);
    }

    void remove(Candidate c) {
        chain.remove(c);
    }

    int indexOf(Candidate c) {
        return chain.indexOf(c);
    }

    /** A candidate of the chain or a probe. */
    Optional<Candidate> find(long candidateId) {
        Optional<Candidate> c = chain.stream().filter(x -> x.id == candidateId).findFirst();
        return c.isPresent() ? c : probes.stream().filter(x -> x.id == candidateId).findFirst();
    }

    Optional<TierRun> runningRun(long candidateId, String tier) {
        return find(candidateId).filter(c -> c.state == State.TESTING)
                .map(c -> c.runs.get(tier))
                .filter(r -> r.status == RunStatus.RUNNING);
    }

    int landingIndex() {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).state == State.LANDING) {
                return i;
            }
        }
        return -1;
    }

    int indexContaining(long requestId) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i).contains(requestId)) {
                return i;
            }
        }
        return -1;
    }

    int firstSupersededBefore(int index) {
        for (int i = 0; i < index; i++) {
            if (chain.get(i).state == State.SUPERSEDED) {
                return i;
            }
        }
        return -1;
    }

    /** Is a failure of {@code tier} on {@code c} its own: has every un-landed ancestor passed that tier? */
    boolean attributable(Candidate c, String tier) {
        return c.pendingAncestors().stream().allMatch(a -> a.passed(tier));
    }

    void hold(Candidate c) {
        c.state = State.HELD;
        held.add(c);
    }

    void dropHeld(Candidate c) {
        held.remove(c);
        c.state = State.GONE;
    }

    /** Removes the chain up to and including {@code c} (it and the superseded candidates it lands with). */
    List<Candidate> removeThrough(Candidate c) {
        List<Candidate> prefix = new ArrayList<>(chain.subList(0, chain.indexOf(c) + 1));
        chain.subList(0, prefix.size()).clear();
        return prefix;
    }

    /**
     * Cancels the candidates from {@code from} to the tail and puts their requests back in the queue (without
     * {@code exceptRequestId}, when not 0). A superseded candidate goes back as one pinned group, so its failure
     * is isolated if it recurs.
     */
    void cancelFrom(int from, long exceptRequestId, WaitingQueue waiting, List<Action> out) {
        for (int i = chain.size() - 1; i >= Math.max(0, from); i--) {
            Candidate c = chain.remove(i);
            WaitingQueue.Group group = c.group;
            if (c.state == State.SUPERSEDED) {
                group = waiting.pin(c.requests(), c.contradicted);
            } else {
                out.add(new Action.CancelCandidate(c.id));
            }
            c.state = State.GONE;
            if (exceptRequestId != 0) {
                group = group.without(exceptRequestId);
            }
            if (!group.requests().isEmpty()) {
                waiting.requeue(group);
            }
        }
    }
}
