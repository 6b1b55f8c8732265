package io.gatekeeper.runs;

import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.TierExecutor;
import io.gatekeeper.runner.tier.TierJob;
import io.gatekeeper.runner.tier.TierResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Runs tiers in this process on a fixed number of worker threads: the embedded default's "local runner". */
public final class LocalTierDispatcher implements TierDispatcher {
    private final TierExecutor executor;
    private final ExecutorService workers;

    public LocalTierDispatcher(Path workRoot, int workers) {
        this.executor = new TierExecutor(workRoot);
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "tier-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void dispatch(TierJob job, Path reportsOut, RunLog log, Cancellation cancel, Consumer<TierResult> done) {
        workers.execute(() -> {
            TierResult result;
            try {
                result = executor.run(job, reportsOut, log::append, cancel);
            } catch (RuntimeException e) {
                result = new TierResult(TierResult.Outcome.INFRA_ERROR, -1,
                        "runner failed: " + e, java.util.List.of(), Duration.ZERO);
            } finally {
                log.close();
            }
            done.accept(result);
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
