package io.gatekeeper.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * A deterministic executor for engine tests on a virtual clock: builds candidates at once, runs tiers for their
 * fixed durations, fails a tier in every candidate that contains a request breaking it (test "Break&lt;id&gt;"),
 * lands with a compare-and-swap on a modelled head. Tests inject events with {@link #send} at any time.
 */
final class World {
    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private record Scheduled(Instant at, long seq, Runnable what) { }

    final QueueEngine engine;
    final int slots;
    final Map<String, Duration> tiers = new LinkedHashMap<>();
    final Map<Long, String> breaks = new HashMap<>();
    /** "candidateId/tier" pairs whose next run fails with test "FlakyTest" whatever the content. */
    final Set<String> flakeNext = new HashSet<>();
    final List<Action> log = new ArrayList<>();
    final Map<Long, Set<Long>> content = new HashMap<>();
    final Map<Long, Set<Long>> base = new HashMap<>();
    final Map<Long, Long> parents = new HashMap<>();
    final Map<Long, Map<String, Boolean>> tierFailedLast = new HashMap<>();
    final Set<Long> cancelled = new HashSet<>();
    final List<Long> landedCandidates = new ArrayList<>();
    final List<Long> landedRequests = new ArrayList<>();
    final Map<Long, String> rejected = new LinkedHashMap<>();
    final List<Action.UnexplainedFailure> unexplained = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    private final Map<Long, Map<String, Instant>> runningRuns = new HashMap<>();
    private final PriorityQueue<Scheduled> agenda = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
            ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    Set<Long> head = Set.of();
    Instant now = T0;
    boolean autoBuild = true;
    int maxRunning;
    private long seq;

    World(QueueEngine engine, int slots) {
        this.engine = engine;
        this.slots = slots;
        tiers.put("unit", Duration.ofMinutes(5));
        tiers.put("system", Duration.ofMinutes(60));
    }

    World tiers(Map<String, Integer> minutes) {
        tiers.clear();
        minutes.forEach((name, m) -> tiers.put(name, Duration.ofMinutes(m)));
        return this;
    }

    void queue(long... ids) {
        for (long id : ids) {
            send(new Event.RequestQueued(QueuedRequest.of(id, now)));
        }
    }

    List<Action> send(Event event) {
        List<Action> actions = engine.handle(event, now);
        for (Action a : actions) {
            log.add(a);
            perform(a);
        }
        return actions;
    }

    /** Advances the clock, performing what falls due and sending a Tick on every whole minute, as live. */
    void runFor(Duration d) {
        Instant until = now.plus(d);
        while (true) {
            Instant tick = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
            Instant step = tick.isAfter(until) ? until : tick;
            performDue(step);
            now = step;
            if (step.equals(tick)) {
                send(new Event.Tick());
                performDue(step);
            }
            if (step.equals(until)) {
                return;
            }
        }
    }

    private void performDue(Instant step) {
        while (!agenda.isEmpty() && !agenda.peek().at.isAfter(step)) {
            Scheduled next = agenda.poll();
            now = next.at;
            next.what.run();
        }
    }

    /** Runs until nothing is scheduled and the queue is empty (at most 30 virtual days). */
    void runUntilIdle() {
        Instant limit = now.plus(Duration.ofDays(30));
        runFor(Duration.ZERO);
        while (now.isBefore(limit) && (!agenda.isEmpty() || !engine.view(now).entries().isEmpty())) {
            runFor(Duration.ofMinutes(10));
        }
    }

    int running() {
        return runningRuns.values().stream().mapToInt(Map::size).sum();
    }

    Set<String> runningTiers(long candidateId) {
        return runningRuns.getOrDefault(candidateId, Map.of()).keySet();
    }

    <T extends Action> List<T> actions(Class<T> type) {
        return log.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void perform(Action action) {
        if (action instanceof Action.BuildCandidate b) {
            Set<Long> from = b.parent().isPresent() ? content.get(b.parent().getAsLong()) : head;
            if (from == null || b.parent().isPresent() && cancelled.contains(b.parent().getAsLong())) {
                violations.add("candidate " + b.candidateId() + " built on an unknown or cancelled parent");
                return;
            }
            Set<Long> c = new HashSet<>(from);
            c.addAll(b.requestIds());
            content.put(b.candidateId(), c);
            base.put(b.candidateId(), Set.copyOf(from));
            b.parent().ifPresent(p -> parents.put(b.candidateId(), p));
            if (autoBuild) {
                at(now, () -> {
                    if (!cancelled.contains(b.candidateId())) {
                        send(new Event.CandidateBuilt(b.candidateId(), List.copyOf(tiers.keySet())));
                    }
                });
            }
        } else if (action instanceof Action.RunTier r) {
            startRun(r.candidateId(), r.tier());
        } else if (action instanceof Action.CancelCandidate c) {
            cancelled.add(c.candidateId());
            runningRuns.remove(c.candidateId());
        } else if (action instanceof Action.Land l) {
            Set<Long> expected = base.get(l.casFromBaseOf().isPresent() ? l.casFromBaseOf().getAsLong()
                    : l.candidateId());
            if (!head.equals(expected)) {
                at(now, () -> send(new Event.LandRefused(l.candidateId(), "head moved")));
                return;
            }
            Map<String, Boolean> results = tierFailedLast.getOrDefault(l.candidateId(), Map.of());
            if (results.containsValue(true) || results.size() < tiers.size()) {
                violations.add("candidate " + l.candidateId() + " landed without passing every tier");
            }
            head = Set.copyOf(content.get(l.candidateId()));
            landedCandidates.add(l.candidateId());
            landedRequests.addAll(l.requestIds());
            at(now, () -> send(new Event.Landed(l.candidateId())));
        } else if (action instanceof Action.Reject r) {
            if (rejected.put(r.requestId(), r.reason()) != null) {
                violations.add("request " + r.requestId() + " rejected twice");
            }
        } else if (action instanceof Action.UnexplainedFailure u) {
            unexplained.add(u);
        }
    }

    private void startRun(long candidateId, String tier) {
        Map<String, Instant> runs = runningRuns.computeIfAbsent(candidateId, k -> new HashMap<>());
        if (runs.put(tier, now) != null) {
            violations.add("tier " + tier + " of candidate " + candidateId + " started twice at once");
        }
        maxRunning = Math.max(maxRunning, running());
        if (running() > slots) {
            violations.add("more than " + slots + " runs at once");
        }
        Duration took = tiers.get(tier);
        at(now.plus(took), () -> {
            Map<String, Instant> live = runningRuns.get(candidateId);
            if (live == null || live.remove(tier) == null) {
                return;
            }
            List<String> failed = new ArrayList<>();
            content.get(candidateId).stream().sorted().filter(id -> tier.equals(breaks.get(id)))
                    .forEach(id -> failed.add("Break" + id));
            if (flakeNext.remove(candidateId + "/" + tier)) {
                failed.add("FlakyTest");
            }
            tierFailedLast.computeIfAbsent(candidateId, k -> new HashMap<>()).put(tier, !failed.isEmpty());
            send(failed.isEmpty() ? new Event.TierPassed(candidateId, tier, took)
                    : new Event.TierFailed(candidateId, tier, "tests failed", failed, took));
        });
    }

    private void at(Instant when, Runnable what) {
        agenda.add(new Scheduled(when, seq++, what));
    }
}
