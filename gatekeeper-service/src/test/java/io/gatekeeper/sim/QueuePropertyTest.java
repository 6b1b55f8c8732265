package io.gatekeeper.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Across 1,000 small random scenarios without flakes: no bad request lands, every good one lands, and head is
 * never a candidate that failed a tier (the simulator checks each landing against the tier results it reported,
 * and that capacity is never exceeded).
 */
class QueuePropertyTest {
    private static final String[] OTHERS = {"gatekeeper-bisect", "gatekeeper-prefixes", "gatekeeper-unscreened",
        "speculative", "bisect", "serial", "oracle"};

    @Test
    void noBadLands_everyGoodLands_headNeverFailedATier_in1000RandomScenarios() {
        List<String> failures = new ArrayList<>();
        for (long seed = 1; seed <= 1000; seed++) {
            Scenario scenario = randomScenario(seed);
            check(scenario, "gatekeeper", seed, failures);
            check(scenario, OTHERS[(int) (seed % OTHERS.length)], seed, failures);
        }
        assertThat(failures).isEmpty();
    }

    private static void check(Scenario scenario, String strategy, long seed, List<String> failures) {
        SimResult r = new Simulator(scenario, strategy, seed).run();
        long good = scenario.arrivals().stream().filter(a -> !a.bad()).count();
        if (!r.violations().isEmpty() || r.badLanded() > 0 || r.goodRejected() > 0 || r.unfinished() > 0
                || r.merged() != good) {
            failures.add(strategy + " seed " + seed + ": " + r.toJson());
        }
    }

    static Scenario randomScenario(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Workload.TierModel> tiers = new ArrayList<>();
        int tierCount = 1 + random.nextInt(3);
        for (int i = 0; i < tierCount; i++) {
            tiers.add(new Workload.TierModel("tier" + i, 1 + random.nextInt(60)));
        }
        double breakRate = random.nextDouble() * 0.5;
        List<Scenario.Arrival> arrivals = new ArrayList<>();
        int count = 2 + random.nextInt(14);
        for (long id = 1; id <= count; id++) {
            String breaks = random.nextDouble() < breakRate ? tiers.get(random.nextInt(tierCount)).name() : null;
            arrivals.add(new Scenario.Arrival(id, Duration.ofMinutes(random.nextInt(180)), breaks,
                    1 + random.nextInt(10), random.nextInt(4) == 0 ? 1 : 0));
        }
        arrivals.sort((a, b) -> a.at().compareTo(b.at()));
        return new Scenario(tiers, List.of(), arrivals, 1 + random.nextInt(6), 1 + random.nextInt(8),
                Duration.ofSeconds(random.nextInt(120)), random.nextDouble() * 0.3, 3, 400);
    }
}
