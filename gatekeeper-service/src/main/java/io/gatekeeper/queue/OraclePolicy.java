package io.gatekeeper.queue;

import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The bound no real strategy can beat, for the simulator only: it knows which requests are bad and rejects them
 * without a test, so every batch it builds is good. It batches everything waiting (up to {@code batchMax}),
 * runs all tiers at once, speculates as deep as capacity allows, and re-runs a failed tier because it knows the
 * failure was a flake.
 */
final class OraclePolicy implements QueuePolicy {
    private final LongPredicate isBad;

    OraclePolicy(LongPredicate isBad) {
        this.isBad = isBad;
    }

    @Override
    public TierStaging staging() {
        return TierStaging.allAtOnce();
    }

    @Override
    public int depth(int slots, TierDurations durations) {
        return slots;
    }

    @Override
    public boolean buildsOnlyIntoFreeCapacity() {
        return true;
    }

    @Override
    public int batchRequests(int batchMax, Load load) {
        return batchMax;
    }

    @Override
    public Optional<String> screen(QueuedRequest request) {
        return isBad.test(request.id()) ? Optional.of("known to break a tier (oracle)") : Optional.empty();
    }

    @Override
    public boolean rerunsFailedTiers() {
        return true;
    }

    @Override
    public Verdict onFailure(Candidate failed, Candidate.Failure failure, FailureRecord origin, int strikes) {
        return Verdict.REJECT;
    }
}
