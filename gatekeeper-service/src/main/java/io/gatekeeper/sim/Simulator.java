package io.gatekeeper.sim;

import io.gatekeeper.queue.Action;
import io.gatekeeper.queue.EngineSettings;
import io.gatekeeper.queue.Event;
import io.gatekeeper.queue.QueueEngine;
import io.gatekeeper.queue.QueueEngines;
import io.gatekeeper.queue.QueuedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A discrete-event simulation on a virtual clock: feeds a {@link QueueEngine} the events of a {@link Scenario}
 * and carries out its actions against a model of the world. A candidate's content is head (or its parent's
 * content) plus its requests; a run of a tier fails when the content holds a request that breaks that tier, or
 * when a flaky test of the tier fails by chance; landing is a compare-and-swap on the modelled head.
 */
public final class Simulator {
    static final Instant EPOCH = Instant.parse("2026-01-05T00:00:00Z");
    private static final Duration SAMPLE_EVERY = Duration.ofMinutes(30);
    private static final Duration TICK_EVERY = Duration.ofMinutes(1);

    private record Scheduled(Instant at, long seq, Runnable what) { }

    private static final class SimCandidate {
        final Set<Long> base;
        final Set<Long> content;
        final Map<String, Runnable> runs = new HashMap<>();
        final Map<String, Instant> runStarts = new HashMap<>();
        final Map<String, Boolean> lastFailed = new HashMap<>();
        boolean cancelled;

        SimCandidate(Set<Long> base, List<Long> requestIds) {
            this.base = base;
            this.content = new HashSet<>(base);
            this.content.addAll(requestIds);
        }
    }

    private final Scenario scenario;
    private final QueueEngine engine;
    private final SplittableRandom chance;
    private final SimMetrics metrics;
    private final FlakeJudgeModel judge;
    private final Map<Long, Scenario.Arrival> requests = new HashMap<>();
    private final Map<Long, SimCandidate> candidates = new HashMap<>();
    private final PriorityQueue<Scheduled> agenda = new PriorityQueue<>((a, b) -> a.at.equals(b.at)
            ? Long.compare(a.seq, b.seq) : a.at.compareTo(b.at));
    private Set<Long> head = Set.of();
    private Instant now = EPOCH;
    private long seq;
    private int running;
    private Consumer<String> trace = line -> { };

    public Simulator(Scenario scenario, String strategy, long seed) {
        this.scenario = scenario;
        EngineSettings settings = new EngineSettings(scenario.batchMax(), scenario.clusters(), 1);
        for (Scenario.Arrival a : scenario.arrivals()) {
            requests.put(a.id(), a);
        }
        this.engine = "oracle".equals(strategy)
                ? QueueEngines.oracle(settings, id -> requests.get(id).bad())
                : QueueEngines.create(strategy, settings, new SplittableRandom(seed));
        this.chance = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.metrics = new SimMetrics(strategy, seed, scenario, EPOCH);
        this.judge = new FlakeJudgeModel(strategy.startsWith("gatekeeper"), scenario.flakyTests(), chance);
    }

    public SimResult run() {
        for (Scenario.Arrival a : scenario.arrivals()) {
            at(EPOCH.plus(a.at()), () -> {
                metrics.arrived(a, now);
                feed(new Event.RequestQueued(new QueuedRequest(a.id(), a.priority(), now, a.commits(), false)));
            });
        }
        Instant arrivalsEnd = EPOCH.plus(hours(scenario.hours()));
        Instant stop = arrivalsEnd.plus(hours(scenario.drainHours()));
        at(EPOCH, this::sample);
        at(EPOCH, this::tick);
        while (!agenda.isEmpty()) {
            Scheduled next = agenda.poll();
            if (next.at.isAfter(stop) || !next.at.isBefore(arrivalsEnd) && metrics.pending() == 0) {
                break;
            }
            now = next.at;
            next.what.run();
        }
        return metrics.result(now);
    }

    /** Receives one line per event fed and action performed, for debugging a strategy. */
    public Simulator trace(Consumer<String> lines) {
        this.trace = lines;
        return this;
    }

    public QueueEngine engine() {
        return engine;
    }

    /** Time-based decisions (a batch held to fill) need the clock to reach the engine when nothing else does. */
    private void tick() {
        feed(new Event.Tick());
        at(now.plus(TICK_EVERY), this::tick);
    }

    private void sample() {
        metrics.sample(now);
        trace.accept(minutes() + " == " + engine);
        at(now.plus(SAMPLE_EVERY), this::sample);
    }

    private void feed(Event event) {
        if (!(event instanceof Event.Tick)) {
            trace.accept(minutes() + " <- " + event);
        }
        for (Action action : engine.handle(event, now)) {
            trace.accept(minutes() + " -> " + action);
            perform(action);
        }
    }

    private void perform(Action action) {
        if (action instanceof Action.BuildCandidate b) {
            Set<Long> base = head;
            if (b.parent().isPresent()) {
                SimCandidate parent = candidates.get(b.parent().getAsLong());
                if (parent == null || parent.cancelled) {
                    metrics.violation("candidate " + b.candidateId() + " built on a cancelled or unknown parent");
                    return;
                }
                base = parent.content;
            }
            candidates.put(b.candidateId(), new SimCandidate(base, b.requestIds()));
            at(now.plus(scenario.buildTime()), () -> {
                if (!candidates.get(b.candidateId()).cancelled) {
                    feed(new Event.CandidateBuilt(b.candidateId(), scenario.tierNames()));
                }
            });
        } else if (action instanceof Action.RunTier r) {
            startRun(r.candidateId(), r.tier());
        } else if (action instanceof Action.CancelCandidate c) {
            cancel(c.candidateId());
        } else if (action instanceof Action.Land l) {
            land(l);
        } else if (action instanceof Action.Reject r) {
            metrics.rejected(requests.get(r.requestId()), now);
        } else if (action instanceof Action.UnexplainedFailure u) {
            metrics.unexplained();
            judge.learn(u.failedTests());
        }
    }

    private void startRun(long candidateId, String tier) {
        SimCandidate c = candidates.get(candidateId);
        if (++running > scenario.clusters()) {
            metrics.violation("more than " + scenario.clusters() + " runs at once");
        }
        metrics.runStarted();
        Workload.TierModel model = scenario.tiers().stream().filter(t -> t.name().equals(tier)).findFirst()
                .orElseThrow();
        double factor = 1 + scenario.durationJitter() * (2 * chance.nextDouble() - 1);
        Duration took = Duration.ofMillis(Math.round(model.minutes() * 60_000 * factor));
        Instant started = now;
        List<String> failed = failingTests(c, tier);
        Runnable done = () -> {
            if (c.runs.remove(tier) == null) {
                return;
            }
            List<String> verdict = judge.judge(failed, model);
            if (!judge.reran()) {
                finish(c, candidateId, tier, started, verdict, took);
            } else {
                // The judge's targeted re-runs keep the cluster a little longer, then the tier passes.
                Runnable rerunDone = () -> finish(c, candidateId, tier, started, verdict, took);
                c.runs.put(tier, rerunDone);
                at(now.plus(judge.rerunTime(model)), rerunDone);
            }
        };
        c.runs.put(tier, done);
        c.runStarts.put(tier, started);
        at(now.plus(took), done);
    }

    private void finish(SimCandidate c, long candidateId, String tier, Instant started, List<String> failed,
                        Duration took) {
        c.runs.remove(tier);
        running--;
        metrics.clusterTime(Duration.between(started, now));
        c.lastFailed.put(tier, !failed.isEmpty());
        if (failed.isEmpty()) {
            feed(new Event.TierPassed(candidateId, tier, took));
        } else {
            feed(new Event.TierFailed(candidateId, tier, "tests failed", failed, took));
        }
    }

    private List<String> failingTests(SimCandidate c, String tier) {
        List<String> failed = new ArrayList<>();
        c.content.stream().sorted().map(requests::get).filter(a -> tier.equals(a.breakTier()))
                .forEach(a -> failed.add("BreakTest" + a.id()));
        for (Workload.FlakyTest f : scenario.flakyTests()) {
            if (f.tier().equals(tier) && chance.nextDouble() < f.rate()) {
                failed.add(f.name());
            }
        }
        return failed;
    }

    private void cancel(long candidateId) {
        SimCandidate c = candidates.get(candidateId);
        if (c == null || c.cancelled) {
            return;
        }
        c.cancelled = true;
        for (String tier : c.runs.keySet()) {
            running--;
            metrics.clusterTime(Duration.between(c.runStarts.get(tier), now));
        }
        c.runs.clear();
    }

    private void land(Action.Land l) {
        SimCandidate c = candidates.get(l.candidateId());
        SimCandidate from = l.casFromBaseOf().isPresent() ? candidates.get(l.casFromBaseOf().getAsLong()) : c;
        if (!head.equals(from.base)) {
            at(now, () -> feed(new Event.LandRefused(l.candidateId(), "head moved")));
            return;
        }
        if (c.lastFailed.containsValue(true) || c.lastFailed.size() < scenario.tiers().size()) {
            metrics.violation("candidate " + l.candidateId() + " landed without passing every tier");
        }
        Set<Long> expected = new HashSet<>(head);
        expected.addAll(l.requestIds());
        if (!expected.equals(c.content)) {
            metrics.violation("land of candidate " + l.candidateId() + " names requests " + l.requestIds()
                    + " but carries " + c.content.size() + " on a head of " + head.size());
        }
        head = Set.copyOf(c.content);
        for (long id : l.requestIds()) {
            metrics.merged(requests.get(id), now);
        }
        at(now, () -> feed(new Event.Landed(l.candidateId())));
    }

    private void at(Instant when, Runnable what) {
        agenda.add(new Scheduled(when, seq++, what));
    }

    private String minutes() {
        return String.format("%8.1f", Duration.between(EPOCH, now).toMillis() / 60_000.0);
    }

    private static Duration hours(double h) {
        return Duration.ofMillis(Math.round(h * 3_600_000));
    }
}
