package io.gatekeeper.runs;

import io.gatekeeper.GatekeeperException;
import io.gatekeeper.pool.Caller;
import io.gatekeeper.pool.Pool;
import io.gatekeeper.pool.PoolJob;
import io.gatekeeper.pool.RunEnd;
import io.gatekeeper.runner.pool.RunState;
import io.gatekeeper.runner.tier.Cancellation;
import io.gatekeeper.runner.tier.TierJob;
import io.gatekeeper.runner.tier.TierResult;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Runs tiers on the runner pool: queues each run for its nodes, keeps its log and reports as the runners send
 * them, and tells the gate the result. Infrastructure failures come back as INFRA_ERROR, which the gate retries
 * as a new run (a new allocation) a bounded number of times.
 */
public final class PoolTierDispatcher implements TierDispatcher {
    static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;

    private final Pool pool;
    private final NodeLogs nodeLogs;
    private final Clock clock;
    private final Map<Long, ActiveRun> runs = new ConcurrentHashMap<>();
    private final ExecutorService cancels = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pool-cancel");
        t.setDaemon(true);
        return t;
    });

    public PoolTierDispatcher(Pool pool, Path logsDir, Clock clock) {
        this.pool = pool;
        this.nodeLogs = new NodeLogs(logsDir);
        this.clock = clock;
    }

    @Override
    public void dispatch(TierJob job, Path reportsOut, RunLog log, Cancellation cancel, Consumer<TierResult> done) {
        dispatch(job, Placement.single(), reportsOut, log, cancel, done);
    }

    @Override
    public void dispatch(TierJob job, Placement placement, Path reportsOut, RunLog log, Cancellation cancel,
                         Consumer<TierResult> done) {
        long id = Long.parseLong(job.runId());
        ActiveRun run = new ActiveRun(reportsOut, log, done, () -> runs.remove(id), clock);
        runs.put(id, run);
        try {
            pool.submit(new PoolJob(id, repoName(job.repoUrl()), placement.attempt(), job, placement.nodes(),
                    placement.labels(), placement.priority(), placement.queuedAt(), run));
        } catch (RuntimeException e) {
            later(() -> run.ended(RunEnd.infra(RunState.INFRA_ERROR, "cannot queue the run: " + e)));
            return;
        }
        cancel.onCancel(() -> later(() -> pool.cancel(id)));
    }

    /** Off the caller's thread: cancellation listeners must not block, and done must come from elsewhere. */
    private void later(Runnable task) {
        try {
            cancels.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            task.run();
        }
    }

    /** A chunk of a node's log: the primary's goes to the run's log, the others' to a file per node. */
    public LogAppend appendLog(String runId, String node, long offset, byte[] chunk, Caller caller) {
        Optional<Integer> index = pool.nodeIndex(runId, node, caller);
        if (index.isEmpty()) {
            return new LogAppend(true, offset + chunk.length);
        }
        long id = Long.parseLong(runId);
        ActiveRun run = runs.get(id);
        if (index.get() == 0) {
            return run == null ? new LogAppend(true, offset + chunk.length) : run.appendPrimary(offset, chunk);
        }
        return nodeLogs.append(id, node, offset, chunk);
    }

    /** Stores one report file of a running run under its reports directory; later ones replace earlier ones. */
    public void storeReport(String runId, String node, String path, InputStream body, Caller caller) {
        Optional<Integer> index = pool.nodeIndex(runId, node, caller);
        ActiveRun run = index.isEmpty() ? null : runs.get(Long.parseLong(runId));
        if (run == null) {
            return;
        }
        Path target = ReportPath.resolve(run.reportsOut(), path);
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                body.transferTo(new Bounded(out));
            } catch (GatekeeperException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run.uploaded(path);
    }

    /** The hosted repository's name from the job's URL or path ({@code .../<name>.git}). */
    static String repoName(String repoUrl) {
        if (repoUrl.contains("://")) {
            return repoUrl;
        }
        String name = Path.of(repoUrl).getFileName().toString();
        return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
    }

    @Override
    public void close() {
        cancels.shutdown();
    }

    /** Refuses to write more than the report limit. */
    private static final class Bounded extends OutputStream {
        private final OutputStream out;
        private long written;

        Bounded(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            written += len;
            if (written > MAX_REPORT_BYTES) {
                throw new GatekeeperException.InvalidInput("report is larger than " + MAX_REPORT_BYTES + " bytes");
            }
            out.write(b, off, len);
        }
    }
}
