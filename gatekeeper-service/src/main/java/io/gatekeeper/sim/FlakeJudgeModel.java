package io.gatekeeper.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The live service's flake judge (issue 5), as far as the queue sees it: a tier failure made only of tests
 * with a flake history is re-run test by test on the same candidate (up to {@link #MAX_RERUNS} times, a short
 * while on the same cluster) and reported as passed if a re-run passes. A test gains flake history when the
 * engine reports a failure naming it as unexplained. Only Gatekeeper has a judge; the baselines see raw flakes.
 */
final class FlakeJudgeModel {
    static final int MAX_RERUNS = 3;

    private final boolean enabled;
    private final Map<String, Workload.FlakyTest> flaky;
    private final SplittableRandom chance;
    private final Set<String> history = new HashSet<>();
    private boolean reran;

    FlakeJudgeModel(boolean enabled, List<Workload.FlakyTest> flakyTests, SplittableRandom chance) {
        this.enabled = enabled;
        this.flaky = flakyTests.stream().collect(Collectors.toMap(Workload.FlakyTest::name, Function.identity()));
        this.chance = chance;
    }

    void learn(List<String> tests) {
        history.addAll(tests);
    }

    /** The tests that fail for good after the judge's re-runs; {@link #reran()} tells whether it re-ran any. */
    List<String> judge(List<String> failed, Workload.TierModel tier) {
        reran = false;
        if (!enabled || failed.isEmpty() || !history.containsAll(failed)) {
            return failed;
        }
        reran = true;
        for (int i = 0; i < MAX_RERUNS; i++) {
            List<String> again = new ArrayList<>();
            for (String test : failed) {
                Workload.FlakyTest f = flaky.get(test);
                if (f == null || chance.nextDouble() < f.rate()) {
                    again.add(test);
                }
            }
            if (again.isEmpty()) {
                return List.of();
            }
        }
        return failed;
    }

    boolean reran() {
        return reran;
    }

    /** Re-running single tests is quick next to the tier: a few percent of it, at least a minute. */
    Duration rerunTime(Workload.TierModel tier) {
        return Duration.ofMillis(Math.max(60_000, Math.round(tier.minutes() * 60_000 * 0.03)));
    }
}
