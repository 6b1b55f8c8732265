package io.gatekeeper.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The decisions that make one queue strategy differ from another; {@link PipelineEngine} does the bookkeeping
 * they share. Called only from the engine, one event at a time, with no I/O and no clock of its own.
 */
interface QueuePolicy {

    /** What to do with the requests of a candidate whose tier failure is its own (not an ancestor's). */
    enum Verdict {
        /** Every request of the candidate is the culprit. */
        REJECT,
        /** Isolate in the chain: the parts given by {@link #split} become cumulative candidates that may land. */
        SPLIT,
        /**
         * Isolate off the chain: each part given by {@link #split} becomes a probe on head that runs only the failed
         * tier; parts that pass go back to the queue, a failing part is split again.
         */
        PROBE,
        /** Probe the same requests again on the failed tier before believing the failure. */
        RETRY
    }

    TierStaging staging();

    /** The most un-landed candidates in flight; {@code slots} is the current capacity. */
    int depth(int slots, TierDurations durations);

    /** The share of the slots the chain may use; screens and probes get the rest (and may borrow idle ones). */
    default double chainShare() {
        return 1.0;
    }

    /**
     * Build a new candidate only while a tier run could start on it at once (capacity-aware speculation).
     * Otherwise candidates are built up to {@link #depth} and their runs wait for clusters.
     */
    boolean buildsOnlyIntoFreeCapacity();

    /** Most requests in the next fresh batch for the chain (at most {@code batchMax}). */
    int batchRequests(int batchMax, Load load);

    /**
     * Build the next chain candidate now, or let the batch fill a little longer? {@code oldestWait} is how long
     * the first waiting request has waited, {@code batchSize} what {@link #batchRequests} asks for.
     */
    default boolean readyToBuild(Load load, Duration oldestWait, int batchSize, int chainSize) {
        return true;
    }

    /** Most weight (see {@link WaitingQueue#weight}) in the next fresh batch. */
    default int batchWeight(int batchMax, Load load) {
        return Integer.MAX_VALUE;
    }

    /**
     * Fresh requests are screened first: batched into candidates on head that run only the cheap tiers (see
     * {@link TierStaging#cheapTiers}); those that pass join the chain's queue, so the chain rarely fails.
     */
    default boolean screens() {
        return false;
    }

    /** The tiers a screen runs, from the tiers head's configuration lists (cheapest first). */
    default List<String> screenTiers(List<String> tiers, TierDurations durations) {
        return staging().cheapTiers(tiers, durations);
    }

    /** Most requests in the next screen. */
    default int screenBatch(int batchMax, int waiting) {
        return batchMax;
    }

    /** A fresh batch (screen or chain candidate, not an isolation part) passed or failed: feedback for sizing. */
    default void batchOutcome(Candidate c, boolean failed) {
    }

    /** A reason to reject a request before testing it; only the simulator's oracle knows one. */
    default Optional<String> screen(QueuedRequest request) {
        return Optional.empty();
    }

    /** True when a failed tier is run again on the same candidate (only the oracle: it knows it was a flake). */
    default boolean rerunsFailedTiers() {
        return false;
    }

    /**
     * Decide about a failure that is the candidate's own. {@code origin} is the isolation record the candidate's
     * requests came from (null for a fresh batch); {@code strikes} counts earlier retries of a lone request.
     */
    Verdict onFailure(Candidate failed, Candidate.Failure failure, FailureRecord origin, int strikes);

    /** The parts of a failed batch, in landing order (asked after {@link Verdict#SPLIT} and {@link Verdict#PROBE}). */
    default List<List<QueuedRequest>> split(List<QueuedRequest> requests) {
        return Isolation.BISECT.split(requests);
    }

    /** A candidate landed with {@code requests} requests (feedback for windows and batch sizes). */
    default void onLanded(int requests) {
    }

    /** {@code count} requests were found to be culprits. */
    default void onCulprits(int count) {
    }
}
