package io.gatekeeper.queue;

/**
 * Zuul's dependent pipeline: one change per candidate, each built on the one ahead (cumulative), every job of
 * a change started at once, an adaptive window of changes in flight (starts at 20, +1 per merge, halved on a
 * failure, floor 3). Node requests simply wait for free nodes: the window does not look at capacity. A failed
 * change is reported (rejected) once the changes ahead of it have passed what it failed.
 */
final class SpeculativePolicy implements QueuePolicy {
    private final AdaptiveWindow window = new AdaptiveWindow(20, 3, Integer.MAX_VALUE);

    @Override
    public TierStaging staging() {
        return TierStaging.allAtOnce();
    }

    @Override
    public int depth(int slots, TierDurations durations) {
        return window.size();
    }

    @Override
    public boolean buildsOnlyIntoFreeCapacity() {
        return false;
    }

    @Override
    public int batchRequests(int batchMax, Load load) {
        return 1;
    }

    @Override
    public Verdict onFailure(Candidate failed, Candidate.Failure failure, FailureRecord origin, int strikes) {
        window.halve();
        return Verdict.REJECT;
    }

    @Override
    public void onLanded(int requests) {
        for (int i = 0; i < requests; i++) {
            window.grow();
        }
    }
}
