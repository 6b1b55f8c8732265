package io.gatekeeper.queue;

import io.gatekeeper.queue.Candidate.RunStatus;
import io.gatekeeper.queue.Candidate.State;
import io.gatekeeper.queue.Candidate.TierRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The queue as users see it: landing order, what each request waits for, and when it should land.
 *
 * <p>ETA model: a candidate in flight finishes when its remaining tiers, started as the staging allows, are done
 * at their measured mean durations; it lands no earlier than the candidate before it. A waiting batch starts
 * when the window has room, that is when the candidate {@code depth} places ahead of it lands, and then takes a
 * whole pipeline pass. Capacity beyond the window is not modelled. Unknown until every tier has been measured.
 */
final class ViewBuilder {
    private final Chain chain;
    private final WaitingQueue waiting;
    private final WaitingQueue screening;
    private final TierDurations durations;
    private final QueuePolicy policy;
    private final int batchMax;
    private final Load load;
    private final String pausedReason;

    ViewBuilder(Chain chain, WaitingQueue waiting, WaitingQueue screening, QueuePolicy policy, int batchMax,
                Load load, String pausedReason) {
        this.chain = chain;
        this.waiting = waiting;
        this.screening = screening;
        this.durations = load.durations();
        this.policy = policy;
        this.batchMax = batchMax;
        this.load = load;
        this.pausedReason = pausedReason;
    }

    QueueView build(Instant now) {
        List<QueueView.Entry> entries = new ArrayList<>();
        List<Instant> etas = new ArrayList<>();
        Instant previous = now;
        for (Candidate c : chain.candidates()) {
            Instant eta = later(finish(c.state == State.BUILDING ? durations.lastTiers() : c.tiers, c.runs, now),
                    previous);
            previous = eta;
            etas.add(eta);
            for (QueuedRequest r : c.requests()) {
                entries.add(entry(r, entries.size() + 1, c.id, describe(c, now), eta));
            }
        }
        for (Candidate h : chain.held()) {
            String what = "candidate " + h.parent.id + " ahead to finish tier " + h.failure.tier();
            for (QueuedRequest r : h.requests()) {
                entries.add(entry(r, entries.size() + 1, h.id, what, null));
            }
        }
        Instant pass = finish(durations.lastTiers(), Map.of(), now);
        for (Candidate p : chain.probes()) {
            String what = (p.kind == Candidate.Kind.SCREEN ? "screening: " : "isolation: ") + describe(p, now);
            Instant done = p.state == State.BUILDING ? null : finish(p.tiers, p.runs, now);
            Instant eta = done == null || pass == null ? null : done.plus(Duration.between(now, pass));
            for (QueuedRequest r : p.requests()) {
                entries.add(entry(r, entries.size() + 1, p.id, what, eta));
            }
        }
        int depth = Math.max(1, policy.depth(load.slots(), durations));
        for (WaitingQueue.Group g : waiting.preview(waiting.size(), policy.batchRequests(batchMax, load),
                policy.batchWeight(batchMax, load))) {
            int ahead = etas.size() - depth;
            Instant start = ahead < 0 ? now : etas.get(ahead);
            Instant eta = start == null || pass == null ? null
                    : later(start.plus(Duration.between(now, pass)), previous);
            previous = eta;
            etas.add(eta);
            for (QueuedRequest r : g.requests()) {
                int position = entries.size() + 1;
                String what = "position " + position + " in queue" + (g.origin() == null ? ""
                        : " (isolating the failure of candidate " + g.origin().candidateId + ")");
                entries.add(entry(r, position, 0, what, eta));
            }
        }
        for (Map.Entry<QueuedRequest, FailureRecord> h : waiting.held().entrySet()) {
            int position = entries.size() + 1;
            entries.add(entry(h.getKey(), position, 0, "the isolation of candidate " + h.getValue().candidateId
                    + "'s failure of tier " + h.getValue().tier + " (this round's parts land together)", null));
        }
        Instant screened = pass == null ? null : later(now.plus(Duration.between(now, pass)), previous);
        for (WaitingQueue.Group g : screening.preview(screening.size(), Integer.MAX_VALUE, Integer.MAX_VALUE)) {
            for (QueuedRequest r : g.requests()) {
                int position = entries.size() + 1;
                entries.add(entry(r, position, 0, "position " + position + " in queue (to be screened)", screened));
            }
        }
        return new QueueView(entries);
    }

    private QueueView.Entry entry(QueuedRequest r, int position, long candidateId, String what, Instant eta) {
        if (pausedReason != null) {
            return new QueueView.Entry(r.id(), position, candidateId,
                    "the freeze to end (" + pausedReason + "), then " + what, null);
        }
        return new QueueView.Entry(r.id(), position, candidateId, what, eta);
    }

    private static String describe(Candidate c, Instant now) {
        switch (c.state) {
            case BUILDING:
                return "candidate " + c.id + " to be built";
            case TESTING:
                Optional<String> held = infrastructure(c, now);
                if (held.isPresent()) {
                    return held.get();
                }
                List<String> running = c.runningTiers();
                return running.isEmpty() ? "a free cluster"
                        : "tier " + String.join(" and ", running) + " on candidate " + c.id;
            case PASSED:
                List<Candidate> ahead = c.pendingAncestors();
                return ahead.isEmpty() ? "landing of candidate " + c.id : "candidate " + ahead.get(0).id + " to land";
            case LANDING:
                return "landing of candidate " + c.id;
            case SUPERSEDED:
                return "a later candidate containing candidate " + c.id + " to pass all tiers";
            default:
                return "candidate " + c.id;
        }
    }

    /** A held tier run, said with its failures. */
    private static Optional<String> infrastructure(Candidate c, Instant now) {
        for (String tier : c.tiers) {
            TierRun run = c.runs.get(tier);
            if (run != null && run.held(now)) {
                return Optional.of(InfraHold.waitingFor(tier, c.id, run.infraErrors, run.infraReason,
                        run.notBefore));
            }
        }
        return Optional.empty();
    }

    /** When the given tiers are all done, from what already ran; null while a tier's duration is unknown. */
    private Instant finish(List<String> tiers, Map<String, TierRun> runs, Instant now) {
        if (tiers.isEmpty()) {
            return runs.isEmpty() && durations.lastTiers().isEmpty() ? null : now;
        }
        Map<String, Instant> done = new HashMap<>();
        Instant last = now;
        for (int i = 0; i < tiers.size(); i++) {
            String tier = tiers.get(i);
            TierRun run = runs.get(tier);
            RunStatus status = run == null ? RunStatus.WAITING : run.status;
            Instant end;
            if (status == RunStatus.PASSED) {
                end = now;
            } else {
                Optional<Duration> d = durations.of(tier);
                if (d.isEmpty()) {
                    return null;
                }
                Instant start = status == RunStatus.RUNNING ? run.startedAt : now;
                for (int j = 0; j < i && status != RunStatus.RUNNING; j++) {
                    if (policy.staging().gates(tiers.get(j), tier, durations)) {
                        start = later(start, done.get(tiers.get(j)));
                    }
                }
                end = later(start.plus(d.get()), now);
            }
            done.put(tier, end);
            last = later(last, end);
        }
        return last;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null || b == null) {
            return null;
        }
        return a.isAfter(b) ? a : b;
    }
}
