package io.gatekeeper.flaky.bench;

import io.gatekeeper.flaky.model.DecayedCounts;
import io.gatekeeper.flaky.model.ModelSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** What Gatekeeper knows about one test during the replay: the same state the store keeps per test. */
final class SimTest {

    final int index;
    final double rate;
    final int fingerprints;
    DecayedCounts counts;
    final Set<String> known = new HashSet<>();
    boolean quarantined;

    SimTest(int index, double rate, int fingerprints, Instant start) {
        this.index = index;
        this.rate = rate;
        this.fingerprints = fingerprints;
        this.counts = DecayedCounts.empty(start);
    }

    void pass(Instant at, Duration halfLife) {
        counts = counts.decayTo(at, halfLife).plusPass(at, halfLife);
    }

    void innocentFailure(Instant at, Duration halfLife, String fingerprint) {
        counts = counts.decayTo(at, halfLife).plusFailure(at, halfLife);
        known.add(fingerprint);
    }

    DecayedCounts countsAt(Instant at, ModelSettings s) {
        counts = counts.decayTo(at, s.halfLife());
        return counts;
    }

    String innocentFingerprint(double u) {
        return "t" + index + "-fp" + (int) Math.min(fingerprints - 1, u * fingerprints);
    }
}
