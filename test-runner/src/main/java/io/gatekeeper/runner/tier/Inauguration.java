package io.gatekeeper.runner.tier;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A node's preparation for a tier: the candidate checked out and the setup run. Either ready, holding its
 * workspace (and any servers the setup left running) until closed, or failed with the result to report.
 * Closing kills what the setup started and deletes the workspace; always close it.
 */
public final class Inauguration implements AutoCloseable {
    private final TierJob job;
    private final Workspace workspace;
    private final Map<String, String> env;
    private final Instant started;
    private final TierResult failure;
    private boolean closed;

    private Inauguration(TierJob job, Workspace workspace, Map<String, String> env, Instant started,
                         TierResult failure) {
        this.job = job;
        this.workspace = workspace;
        this.env = env;
        this.started = started;
        this.failure = failure;
    }

    static Inauguration ready(TierJob job, Workspace workspace, Map<String, String> env, Instant started) {
        return new Inauguration(job, workspace, env, started, null);
    }

    static Inauguration failed(Workspace workspace, Instant started, TierResult failure) {
        return new Inauguration(null, workspace, Map.of(), started,
                failure.took(Duration.between(started, Instant.now())));
    }

    public boolean ready() {
        return failure == null;
    }

    /** The result to report when not ready (INFRA_ERROR or CANCELLED). */
    public Optional<TierResult> failure() {
        return Optional.ofNullable(failure);
    }

    /** The checked-out candidate; only meaningful while ready and open. */
    public Path checkout() {
        return workspace == null ? null : workspace.checkout();
    }

    TierJob job() {
        return job;
    }

    Workspace workspace() {
        return workspace;
    }

    Map<String, String> env() {
        return env;
    }

    Instant started() {
        return started;
    }

    /** Idempotent. */
    @Override
    public synchronized void close() {
        if (workspace != null && !closed) {
            closed = true;
            workspace.close();
        }
    }
}
