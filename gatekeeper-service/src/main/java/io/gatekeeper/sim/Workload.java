package io.gatekeeper.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic workload: Poisson arrivals, a share of bad requests each breaking one tier, flaky tests failing
 * runs of their tier at random, a pool of clusters. {@link #scenario} draws the arrivals from a seed.
 *
 * @param breakTierWeights how bad requests spread over the tiers (cheap tiers catch most), one per tier
 */
public record Workload(List<TierModel> tiers, List<FlakyTest> flakyTests, double arrivalsPerHour, double breakRate,
                       List<Double> breakTierWeights, int clusters, double hours, int batchMax, double buildMinutes,
                       double durationJitter) {

    public record TierModel(String name, double minutes) { }

    /** A test of {@code tier} that fails a run of that tier with probability {@code rate}, whatever the change. */
    public record FlakyTest(String name, String tier, double rate) { }

    public Workload {
        tiers = List.copyOf(tiers);
        flakyTests = List.copyOf(flakyTests);
        breakTierWeights = List.copyOf(breakTierWeights);
        if (tiers.isEmpty() || breakTierWeights.size() != tiers.size()) {
            throw new IllegalArgumentException("a workload needs tiers and one break weight per tier");
        }
    }

    /** Issue 4's tiers (5/15/45/120 minutes), 40 requests an hour, 5% bad, no flakes, 32 clusters, 48 hours. */
    public static Workload defaults() {
        return new Workload(List.of(new TierModel("unit", 5), new TierModel("white-box", 15),
                new TierModel("subsystem", 45), new TierModel("system", 120)), List.of(), 40, 0.05,
                List.of(0.4, 0.3, 0.2, 0.1), 32, 48, 32, 0.5, 0.1);
    }

    /** Same shape of tiers, scaled so they add up to {@code total} minutes. */
    public Workload withTierMinutes(double total) {
        double sum = tiers.stream().mapToDouble(TierModel::minutes).sum();
        List<TierModel> scaled = tiers.stream().map(t -> new TierModel(t.name(), t.minutes() * total / sum)).toList();
        return new Workload(scaled, flakyTests, arrivalsPerHour, breakRate, breakTierWeights, clusters, hours,
                batchMax, buildMinutes, durationJitter);
    }

    /** {@code count} flaky tests spread over the tiers in turn, each failing a run with {@code rate}. */
    public Workload withFlakyTests(int count, double rate) {
        List<FlakyTest> flaky = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            flaky.add(new FlakyTest("FlakyTest" + (i + 1), tiers.get(i % tiers.size()).name(), rate));
        }
        return new Workload(tiers, flaky, arrivalsPerHour, breakRate, breakTierWeights, clusters, hours, batchMax,
                buildMinutes, durationJitter);
    }

    public Workload with(double arrivals, double breaks, int clusterCount, double hourCount) {
        return new Workload(tiers, flakyTests, arrivals, breaks, breakTierWeights, clusterCount, hourCount, batchMax,
                buildMinutes, durationJitter);
    }

    /** Draws the arrivals: same seed, same requests, whatever strategy then handles them. */
    public Scenario scenario(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Scenario.Arrival> arrivals = new ArrayList<>();
        double meanGapMillis = 3_600_000.0 / arrivalsPerHour;
        double limit = hours * 3_600_000.0;
        double t = 0;
        long id = 1;
        while (true) {
            t += -Math.log(1 - random.nextDouble()) * meanGapMillis;
            if (t >= limit) {
                break;
            }
            String breakTier = random.nextDouble() < breakRate ? pickTier(random.nextDouble()) : null;
            int commits = random.nextDouble() < 0.7 ? 1 : 2 + random.nextInt(9);
            arrivals.add(new Scenario.Arrival(id++, Duration.ofMillis((long) t), breakTier, commits, 0));
        }
        return new Scenario(tiers, flakyTests, arrivals, clusters, batchMax,
                Duration.ofMillis((long) (buildMinutes * 60_000)), durationJitter, hours, Math.max(hours, 24));
    }

    private String pickTier(double u) {
        double total = breakTierWeights.stream().mapToDouble(Double::doubleValue).sum();
        double acc = 0;
        for (int i = 0; i < tiers.size(); i++) {
            acc += breakTierWeights.get(i) / total;
            if (u < acc) {
                return tiers.get(i).name();
            }
        }
        return tiers.get(tiers.size() - 1).name();
    }
}
