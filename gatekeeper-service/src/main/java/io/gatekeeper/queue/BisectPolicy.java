package io.gatekeeper.queue;

/**
 * bors-ng: one batch at a time (everything waiting, up to {@code batchMax}) built on head and tested by one CI
 * run (all tiers at once); a failed batch is halved and the halves are tested one after the other, down to the
 * single culprit.
 */
final class BisectPolicy implements QueuePolicy {

    @Override
    public TierStaging staging() {
        return TierStaging.allAtOnce();
    }

    @Override
    public int depth(int slots, TierDurations durations) {
        return 1;
    }

    @Override
    public boolean buildsOnlyIntoFreeCapacity() {
        return false;
    }

    @Override
    public int batchRequests(int batchMax, Load load) {
        return batchMax;
    }

    @Override
    public Verdict onFailure(Candidate failed, Candidate.Failure failure, FailureRecord origin, int strikes) {
        return failed.requests().size() == 1 ? Verdict.REJECT : Verdict.SPLIT;
    }
}
