package io.gatekeeper.sim;

import java.time.Duration;
import java.util.List;

/**
 * Everything one simulation run needs, fixed in advance so every strategy faces the same requests: the tier
 * model, the flaky tests, the arrivals (with which of them are bad and where they break) and the pool size.
 * Synthetic workloads generate one from a seed; a replay of recorded history would build one from the database.
 *
 * @param tiers          cheapest first, with their (mean) durations
 * @param durationJitter each run lasts its tier's duration times a uniform factor in [1 - j, 1 + j]
 * @param hours          arrivals happen during this many hours; throughput is measured over them
 * @param drainHours     afterwards the simulation runs until the queue is empty, at most this long
 */
public record Scenario(List<Workload.TierModel> tiers, List<Workload.FlakyTest> flakyTests, List<Arrival> arrivals,
                       int clusters, int batchMax, Duration buildTime, double durationJitter, double hours,
                       double drainHours) {

    public Scenario {
        tiers = List.copyOf(tiers);
        flakyTests = List.copyOf(flakyTests);
        arrivals = List.copyOf(arrivals);
    }

    /**
     * One request.
     *
     * @param breakTier the tier a bad request fails deterministically, in every candidate that contains it;
     *                  null for a good request
     */
    public record Arrival(long id, Duration at, String breakTier, int commits, int priority) {
        public boolean bad() {
            return breakTier != null;
        }
    }

    public List<String> tierNames() {
        return tiers.stream().map(Workload.TierModel::name).toList();
    }
}
