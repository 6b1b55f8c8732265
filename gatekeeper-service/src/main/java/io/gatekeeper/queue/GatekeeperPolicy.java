package io.gatekeeper.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Gatekeeper's own policy, in two stages. It learns (window, failure rates): one instance per engine.
 *
 * <p>Screen: fresh requests are batched (Dorfman's group size for the recent screen failure rate) into
 * candidates on head that run only the cheap tiers; a failing screen is isolated by probes. Chain: screened
 * requests are batched into a speculative, tier-staged chain whose depth is bounded by an adaptive window (grows
 * per landed request, halves when a fresh chain batch fails, floor 8) and by what the pool sustains; batches
 * grow to move the backlog into the free depth. A failed chain batch is isolated off the chain (probes) or in it
 * (cumulative prefixes); a lone request's failure is believed when it repeats its batch's failure, else retried
 * once.
 *
 * <p>Defaults: screens run the tiers that take at most a third of the most expensive one's time (unit and
 * white-box for 5/15/45/120 minutes); in the chain the tiers of at most a tenth of the most expensive one's time
 * gate the others (unit first); batches hold up to 10 minutes to fill; the chain plans for 75% of the pool.
 */
final class GatekeeperPolicy implements QueuePolicy {
    private static final int WINDOW_FLOOR = 8;
    private static final Duration HOLD = Duration.ofMinutes(10);
    /** The share of the pool the chain plans for; the rest is for screens and isolation probes. */
    private static final double CHAIN_SHARE = 0.75;
    /** A screening backlog is worked off in about this many screens. */
    private static final int SCREENS_FOR_BACKLOG = 4;

    private final Isolation isolation;
    private final TierStaging screenStaging;
    private final TierStaging staging;
    private final AdaptiveWindow window;
    private final boolean screens;
    private final FailureRate screenRate = new FailureRate(200, 0.05, 20);
    private final FailureRate chainRate = new FailureRate(200, 0.02, 20);

    /**
     * @param isolation     how failed batches are split
     * @param screenStaging which tiers a screen runs: those that gate the most expensive one under this staging
     * @param staging       how the tiers of a chain candidate are staged
     * @param screens       whether fresh requests are screened before the chain
     */
    GatekeeperPolicy(Isolation isolation, TierStaging screenStaging, TierStaging staging, boolean screens,
                     int slots) {
        this.isolation = isolation;
        this.screens = screens;
        this.screenStaging = screenStaging;
        this.staging = staging;
        this.window = new AdaptiveWindow(slots, WINDOW_FLOOR, Integer.MAX_VALUE);
    }

    static GatekeeperPolicy standard(Isolation isolation, int slots) {
        return new GatekeeperPolicy(isolation, TierStaging.gated(1 / 3.0), TierStaging.gated(0.1), true, slots);
    }

    @Override
    public TierStaging staging() {
        return staging;
    }

    @Override
    public int depth(int slots, TierDurations durations) {
        return Math.min(window.size(), sustainableDepth(slots, durations));
    }

    /**
     * Candidates the pool can keep testing at once: a candidate occupies on average (cluster time of all its
     * tiers) / (its latency) clusters, so {@code slots} clusters carry slots * latency / cluster time of them.
     */
    private int sustainableDepth(int slots, TierDurations durations) {
        List<String> tiers = durations.lastTiers();
        Optional<Duration> latency = staging.latency(tiers, durations);
        Optional<Duration> total = durations.total(tiers);
        if (latency.isEmpty() || total.isEmpty() || total.get().isZero()) {
            // Until durations are measured, assume a candidate keeps two clusters busy.
            return Math.max(1, slots / 2);
        }
        long quota = Math.max(1, Math.round(CHAIN_SHARE * slots));
        return Math.max(1, (int) (quota * latency.get().toMillis() / total.get().toMillis()));
    }

    @Override
    public double chainShare() {
        return CHAIN_SHARE;
    }

    @Override
    public boolean buildsOnlyIntoFreeCapacity() {
        return true;
    }

    @Override
    public int batchRequests(int batchMax, Load load) {
        int keepUp = (int) Math.ceil(load.waiting() / (double) load.freeDepth());
        int size = Math.max(1, Math.min(batchMax, Math.max(Math.max(chainRate.groupSize(), keepUp), poolShare(load))));
        return withoutRunt(size, load.waiting(), batchMax);
    }

    /**
     * No runt batches: when fewer than half a batch would be left waiting, they ride along (up to
     * {@code batchMax}) instead of costing a whole candidate of their own.
     */
    static int withoutRunt(int size, int waiting, int batchMax) {
        int rest = waiting - size;
        return rest > 0 && rest < (size + 1) / 2 ? Math.min(batchMax, waiting) : size;
    }

    /**
     * Requests per candidate so that the chain's arrivals need at most {@link #CHAIN_SHARE} of the pool: each
     * candidate costs the cluster time of all its tiers, whatever its size.
     */
    private static int poolShare(Load load) {
        return load.clusterTimePerCandidate().map(perCandidate -> (int) Math.ceil(
                load.arrivalsPerHour() * perCandidate.toMinutes() / (CHAIN_SHARE * load.slots() * 60.0)))
                .orElse(1);
    }

    /** Waits up to {@link #HOLD} for a batch to fill, unless the chain is empty (nothing to wait behind). */
    @Override
    public boolean readyToBuild(Load load, Duration oldestWait, int batchSize, int chainSize) {
        return chainSize == 0 || load.waiting() >= batchSize || oldestWait.compareTo(HOLD) >= 0;
    }

    @Override
    public int batchWeight(int batchMax, Load load) {
        return batchRequests(batchMax, load);
    }

    @Override
    public boolean screens() {
        return screens;
    }

    @Override
    public List<String> screenTiers(List<String> tiers, TierDurations durations) {
        return screenStaging.cheapTiers(tiers, durations);
    }

    @Override
    public int screenBatch(int batchMax, int waiting) {
        int backlog = (int) Math.ceil(waiting / (double) SCREENS_FOR_BACKLOG);
        int size = Math.max(1, Math.min(batchMax, Math.max(screenRate.groupSize(), backlog)));
        return withoutRunt(size, waiting, batchMax);
    }

    @Override
    public void batchOutcome(Candidate c, boolean failed) {
        (c.kind == Candidate.Kind.SCREEN ? screenRate : chainRate).record(c.requests().size(), failed);
    }

    @Override
    public Verdict onFailure(Candidate failed, Candidate.Failure failure, FailureRecord origin, int strikes) {
        if (origin == null && failed.kind == Candidate.Kind.CHAIN) {
            window.halve();
        }
        if (failed.requests().size() > 1) {
            return isolation.inChain && failed.kind == Candidate.Kind.CHAIN ? Verdict.SPLIT : Verdict.PROBE;
        }
        boolean corroborated = origin != null && origin.corroborates(failure.tier(), failure.tests());
        return corroborated || strikes > 0 ? Verdict.REJECT : Verdict.RETRY;
    }

    @Override
    public List<List<QueuedRequest>> split(List<QueuedRequest> requests) {
        return isolation.split(requests);
    }

    @Override
    public void onLanded(int requests) {
        // Per request, as Zuul grows per change: a batch that lands is as much evidence as its requests.
        for (int i = 0; i < requests; i++) {
            window.grow();
        }
    }
}
