package io.gatekeeper.flaky.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponentially decayed failure and pass counts, kept incrementally: an observation at time t weighs
 * 2^-((now - t) / halfLife). Because decay is exponential, decaying the sums and adding new weights gives
 * exactly the same result as re-weighting every execution, so a rollup row can be updated in place, and
 * evidence that arrives late (a same-tree pass next week) is added with its original time's weight.
 */
public record DecayedCounts(double failures, double passes, Instant asOf) {

    public static DecayedCounts empty(Instant asOf) {
        return new DecayedCounts(0, 0, asOf);
    }

    /** Weight at {@code asOf} of an observation made at {@code at}; later observations weigh more than 1. */
    public static double weight(Instant at, Instant asOf, Duration halfLife) {
        double ages = (double) Duration.between(at, asOf).toMillis() / halfLife.toMillis();
        return Math.pow(2, -ages);
    }

    /** The same counts seen from a later (or earlier) instant. */
    public DecayedCounts decayTo(Instant when, Duration halfLife) {
        double w = weight(asOf, when, halfLife);
        return new DecayedCounts(failures * w, passes * w, when);
    }

    public DecayedCounts plusFailure(Instant at, Duration halfLife) {
        return new DecayedCounts(failures + weight(at, asOf, halfLife), passes, asOf);
    }

    public DecayedCounts plusPass(Instant at, Duration halfLife) {
        return new DecayedCounts(failures, passes + weight(at, asOf, halfLife), asOf);
    }

    public DecayedCounts plus(DecayedCounts other, Duration halfLife) {
        DecayedCounts o = other.decayTo(asOf, halfLife);
        return new DecayedCounts(failures + o.failures, passes + o.passes, asOf);
    }

    public RatePosterior posterior(ModelSettings settings) {
        return RatePosterior.of(settings.priorAlpha(), settings.priorBeta(), failures, passes);
    }
}
