package io.gatekeeper.runs;

import io.gatekeeper.pool.RunEnd;
import io.gatekeeper.pool.RunObserver;
import io.gatekeeper.runner.tier.TierResult;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A run on the pool as the gate sees it: its log (the primary's output and the pool's own lines), the reports
 * the primary uploaded, and the one call of {@code done} with its result.
 */
final class ActiveRun implements RunObserver {
    private final Path reportsOut;
    private final RunLog log;
    private final Consumer<TierResult> done;
    private final Runnable forget;
    private final Clock clock;
    private final Instant dispatchedAt;
    private final AtomicBoolean over = new AtomicBoolean();
    private final Set<String> uploaded = new LinkedHashSet<>();
    private long primaryLength;

    ActiveRun(Path reportsOut, RunLog log, Consumer<TierResult> done, Runnable forget, Clock clock) {
        this.reportsOut = reportsOut;
        this.log = log;
        this.done = done;
        this.forget = forget;
        this.clock = clock;
        this.dispatchedAt = clock.instant();
    }

    Path reportsOut() {
        return reportsOut;
    }

    @Override
    public void note(String line) {
        log.append("[gatekeeper] " + line + "\n");
    }

    @Override
    public void granted(List<String> nodes) {
        List<String> described = new ArrayList<>(nodes);
        described.set(0, nodes.get(0) + " (primary)");
        note("allocated " + String.join(", ", described) + "; checking out and setting up");
    }

    @Override
    public void started() {
        note("every node is ready: the primary runs the command");
    }

    @Override
    public void ended(RunEnd end) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        forget.run();
        TierResult result = result(end);
        if (result.outcome() == TierResult.Outcome.INFRA_ERROR) {
            note("infrastructure error: " + end.message() + " (not the change's fault; the tier runs again)");
        } else if (result.outcome() == TierResult.Outcome.CANCELLED) {
            note("cancelled");
        }
        log.close();
        done.accept(result);
    }

    /** Appends a chunk of the primary's log at byte {@code offset} (see the protocol's log call). */
    synchronized LogAppend appendPrimary(long offset, byte[] chunk) {
        if (offset > primaryLength) {
            return new LogAppend(false, primaryLength);
        }
        int skip = (int) (primaryLength - offset);
        if (skip < chunk.length && !over.get()) {
            log.append(new String(chunk, skip, chunk.length - skip, StandardCharsets.UTF_8));
            primaryLength += chunk.length - skip;
        }
        return new LogAppend(true, Math.max(primaryLength, offset + chunk.length));
    }

    synchronized void uploaded(String relativePath) {
        uploaded.add(relativePath);
    }

    private synchronized TierResult result(RunEnd end) {
        Duration took = end.took().isZero() ? Duration.between(dispatchedAt, clock.instant()) : end.took();
        switch (end.outcome()) {
            case PASSED:
            case FAILED:
            case TIMED_OUT:
                return new TierResult(end.outcome(), end.exitCode(), end.message(), reports(end), took);
            default:
                return new TierResult(end.outcome(), -1, end.message(), List.of(), took);
        }
    }

    /** The uploaded reports the primary listed (all uploaded ones when it listed none). */
    private List<Path> reports(RunEnd end) {
        List<String> names = end.reports().isEmpty() ? List.copyOf(uploaded)
                : end.reports().stream().filter(uploaded::contains).toList();
        return names.stream().map(reportsOut::resolve).filter(Files::isRegularFile).toList();
    }
}
