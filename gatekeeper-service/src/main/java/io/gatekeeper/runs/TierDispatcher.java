package io.gatekeeper.runs;

import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.TierJob;
import io.gatekeeper.runner.tier.TierResult;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where tier runs execute. In process for now; the cluster pool replaces this with runner processes that lease
 * the same {@link TierJob}s over HTTP.
 */
public interface TierDispatcher extends AutoCloseable {

    /**
     * Start {@code job}; {@code done} is called exactly once, on another thread, with the result (CANCELLED
     * when {@code cancel} fired first).
     */
    void dispatch(TierJob job, Path reportsOut, RunLog log, Cancellation cancel, Consumer<TierResult> done);

    @Override
    void close();
}
