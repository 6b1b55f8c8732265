package io.gatekeeper.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which tiers of a candidate may run now. Tiers come cheapest first; a tier "gates" a later one when the
 * later one must wait for it to pass. Staging saves cluster time on failing candidates and costs latency.
 */
abstract class TierStaging {

    /** Must {@code later} wait for {@code earlier} (which comes before it) to pass? */
    abstract boolean gates(String earlier, String later, TierDurations durations);

    abstract String describe();

    /** Every tier at once, as one CI run does (Zuul jobs, a bors build). */
    static TierStaging allAtOnce() {
        return new TierStaging() {
            @Override
            boolean gates(String earlier, String later, TierDurations durations) {
                return false;
            }

            @Override
            String describe() {
                return "all tiers at once";
            }
        };
    }

    /** Each tier only after every earlier one passed. */
    static TierStaging sequential() {
        return gated(Double.POSITIVE_INFINITY);
    }

    /**
     * A tier waits for the earlier tiers that take at most {@code ratio} of its time: cheap tiers filter, tiers of
     * similar cost run side by side. Until durations are measured every earlier tier gates.
     */
    static TierStaging gated(double ratio) {
        return new TierStaging() {
            @Override
            boolean gates(String earlier, String later, TierDurations durations) {
                Optional<Duration> e = durations.of(earlier);
                Optional<Duration> l = durations.of(later);
                if (e.isEmpty() || l.isEmpty()) {
                    return true;
                }
                return e.get().toMillis() <= ratio * l.get().toMillis();
            }

            @Override
            String describe() {
                return Double.isInfinite(ratio) ? "tiers one after another" : "tiers gated at ratio " + ratio;
            }
        };
    }

    /**
     * The cheap tiers: those that gate the last (most expensive) tier. A screen runs these on fresh requests
     * before they enter the chain. At least the first tier.
     */
    List<String> cheapTiers(List<String> tiers, TierDurations durations) {
        if (tiers.size() < 2) {
            return tiers;
        }
        String last = tiers.get(tiers.size() - 1);
        if (durations.of(last).isEmpty()) {
            return tiers.subList(0, 1);
        }
        List<String> cheap = tiers.subList(0, tiers.size() - 1).stream()
                .filter(t -> gates(t, last, durations)).toList();
        return cheap.isEmpty() ? tiers.subList(0, 1) : cheap;
    }

    /** Minutes from start to the last tier's end for a fresh candidate (the critical path), or empty. */
    Optional<Duration> latency(List<String> tiers, TierDurations durations) {
        if (!durations.knowsAll(tiers)) {
            return Optional.empty();
        }
        Duration[] end = new Duration[tiers.size()];
        Duration latest = Duration.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Duration start = Duration.ZERO;
            for (int j = 0; j < i; j++) {
                if (gates(tiers.get(j), tiers.get(i), durations) && end[j].compareTo(start) > 0) {
                    start = end[j];
                }
            }
            end[i] = start.plus(durations.of(tiers.get(i)).orElseThrow());
            latest = end[i].compareTo(latest) > 0 ? end[i] : latest;
        }
        return Optional.of(latest);
    }

    /** May tier number {@code index} of {@code c} start, given what has passed? */
    boolean mayStart(Candidate c, int index, TierDurations durations) {
        List<String> tiers = c.tiers;
        String tier = tiers.get(index);
        for (int j = 0; j < index; j++) {
            if (!c.passed(tiers.get(j)) && gates(tiers.get(j), tier, durations)) {
                return false;
            }
        }
        return true;
    }
}
