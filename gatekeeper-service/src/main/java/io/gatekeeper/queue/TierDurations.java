package io.gatekeeper.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Measured tier durations, an exponentially weighted mean per tier name, for staging decisions and ETAs. */
final class TierDurations {
    private static final double WEIGHT_OF_NEW = 0.2;

    private final Map<String, Double> meanSeconds = new HashMap<>();
    private List<String> lastTiers = List.of();

    void observe(String tier, Duration took) {
        if (took == null || took.isNegative()) {
            return;
        }
        double s = took.toMillis() / 1000.0;
        meanSeconds.merge(tier, s, (old, now) -> old + WEIGHT_OF_NEW * (now - old));
    }

    /** Remembers the tiers of the newest candidate, so ETAs of requests not yet built can be estimated. */
    void tiersSeen(List<String> tiers) {
        if (!tiers.isEmpty()) {
            lastTiers = List.copyOf(tiers);
        }
    }

    List<String> lastTiers() {
        return lastTiers;
    }

    Optional<Duration> of(String tier) {
        Double s = meanSeconds.get(tier);
        return s == null ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(s * 1000)));
    }

    /** Cluster time of one run of every tier, or empty while one is unmeasured. */
    Optional<Duration> total(List<String> tiers) {
        if (!knowsAll(tiers)) {
            return Optional.empty();
        }
        return Optional.of(tiers.stream().map(t -> of(t).orElseThrow()).reduce(Duration.ZERO, Duration::plus));
    }

    boolean knowsAll(List<String> tiers) {
        return !tiers.isEmpty() && tiers.stream().allMatch(meanSeconds::containsKey);
    }
}
