package io.gatekeeper.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a simulation run measures, accumulated as it goes. */
final class SimMetrics {
    private final String strategy;
    private final long seed;
    private final Scenario scenario;
    private final Instant start;
    private final Instant arrivalsEnd;
    private final Map<Long, Instant> arrivedAt = new HashMap<>();
    private final List<Double> ttmMinutes = new ArrayList<>();
    private final List<Integer> queueSamples = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private int mergedWithinHours;
    private int rejected;
    private int goodRejected;
    private int badLanded;
    private int unexplained;
    private long runs;
    private Duration clusterTime = Duration.ZERO;
    private Instant headBrokenSince;
    private Duration headBroken = Duration.ZERO;

    SimMetrics(String strategy, long seed, Scenario scenario, Instant start) {
        this.strategy = strategy;
        this.seed = seed;
        this.scenario = scenario;
        this.start = start;
        this.arrivalsEnd = start.plusMillis(Math.round(scenario.hours() * 3_600_000));
    }

    void arrived(Scenario.Arrival a, Instant now) {
        arrivedAt.put(a.id(), now);
    }

    int pending() {
        return arrivedAt.size();
    }

    void merged(Scenario.Arrival a, Instant now) {
        Instant at = arrivedAt.remove(a.id());
        if (at == null) {
            violation("request " + a.id() + " merged twice or before it arrived");
            return;
        }
        ttmMinutes.add(Duration.between(at, now).toMillis() / 60_000.0);
        if (now.isBefore(arrivalsEnd)) {
            mergedWithinHours++;
        }
        if (a.bad()) {
            badLanded++;
            if (headBrokenSince == null) {
                headBrokenSince = now;
            }
        }
    }

    void rejected(Scenario.Arrival a, Instant now) {
        if (arrivedAt.remove(a.id()) == null) {
            violation("request " + a.id() + " rejected twice or after it merged");
            return;
        }
        rejected++;
        if (!a.bad()) {
            goodRejected++;
        }
    }

    void unexplained() {
        unexplained++;
    }

    void runStarted() {
        runs++;
    }

    void clusterTime(Duration d) {
        clusterTime = clusterTime.plus(d);
    }

    void sample(Instant now) {
        queueSamples.add(arrivedAt.size());
    }

    void violation(String what) {
        if (violations.size() < 20) {
            violations.add(what);
        }
    }

    SimResult result(Instant end) {
        if (headBrokenSince != null) {
            headBroken = headBroken.plus(Duration.between(headBrokenSince, end));
        }
        List<Double> sorted = new ArrayList<>(ttmMinutes);
        sorted.sort(Double::compare);
        int merged = sorted.size();
        List<Double> censored = new ArrayList<>(ttmMinutes);
        arrivedAt.values().forEach(at -> censored.add(Duration.between(at, end).toMillis() / 60_000.0));
        censored.sort(Double::compare);
        return new SimResult(strategy, seed, scenario.arrivals().size(), merged, mergedWithinHours,
                mergedWithinHours / scenario.hours(), rejected, goodRejected, badLanded, arrivedAt.size(),
                headBroken.toMillis() / 60_000.0, mean(sorted), percentile(sorted, 50), percentile(sorted, 95),
                percentile(censored, 95),
                clusterTime.toMillis() / 3_600_000.0, merged == 0 ? 0 : runs / (double) merged, runs, unexplained,
                Duration.between(start, end).toMillis() / 3_600_000.0, 30, queueSamples, violations);
    }

    private static double mean(List<Double> xs) {
        return xs.isEmpty() ? 0 : xs.stream().mapToDouble(Double::doubleValue).sum() / xs.size();
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
