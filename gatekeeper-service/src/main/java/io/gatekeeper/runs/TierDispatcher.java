package io.gatekeeper.runs;

import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.TierJob;
import io.gatekeeper.runner.tier.TierResult;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where tier runs execute: in this process ({@link LocalTierDispatcher}), or on the runner pool
 * ({@link PoolTierDispatcher}), whose runner processes lease the same {@link TierJob}s over HTTP.
 */
public interface TierDispatcher extends AutoCloseable {

    /**
     * Start {@code job}; {@code done} is called exactly once, on another thread, with the result (CANCELLED
     * when {@code cancel} fired first).
     */
    void dispatch(TierJob job, Path reportsOut, RunLog log, Cancellation cancel, Consumer<TierResult> done);

    /**
     * The same, for a tier that asks for a cluster: {@code placement} says how many nodes with which labels, and
     * the run's place in the queue. Dispatchers without clusters ignore it.
     */
    default void dispatch(TierJob job, Placement placement, Path reportsOut, RunLog log, Cancellation cancel,
                          Consumer<TierResult> done) {
        dispatch(job, reportsOut, log, cancel, done);
    }

    @Override
    void close();
}
