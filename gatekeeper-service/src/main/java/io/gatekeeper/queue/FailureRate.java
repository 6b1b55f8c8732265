package io.gatekeeper.queue;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent per-request failure rate of a stage, estimated from batch outcomes: failed batches per request
 * tested (about right while batches rarely hold two culprits), over the last {@code memory} requests, starting
 * from a prior worth {@code priorWeight} requests at rate {@code prior} so that one early failure does not swing it.
 */
final class FailureRate {
    private record Batch(int size, boolean failed) { }

    private final int memory;
    private final double prior;
    private final double priorWeight;
    private final Deque<Batch> recent = new ArrayDeque<>();
    private int tested;
    private int failures;

    FailureRate(int memory, double prior, double priorWeight) {
        this.memory = memory;
        this.prior = prior;
        this.priorWeight = priorWeight;
    }

    void record(int batchSize, boolean failed) {
        recent.addLast(new Batch(batchSize, failed));
        tested += batchSize;
        failures += failed ? 1 : 0;
        while (tested - recent.peekFirst().size() >= memory) {
            Batch old = recent.removeFirst();
            tested -= old.size();
            failures -= old.failed() ? 1 : 0;
        }
    }

    double estimate() {
        return (failures + prior * priorWeight) / (tested + priorWeight);
    }

    /**
     * Dorfman's group size: for a share p of bad items, groups of about 1/sqrt(p) minimise tests per item when a
     * failed group is searched. Small when changes often fail, large when they rarely do.
     */
    int groupSize() {
        double p = Math.max(1e-4, estimate());
        return Math.max(1, (int) Math.round(1 / Math.sqrt(p)));
    }
}
