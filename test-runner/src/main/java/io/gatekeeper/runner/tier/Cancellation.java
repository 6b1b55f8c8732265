package io.gatekeeper.runner.tier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** A thread-safe, one-way cancel flag. A running {@link TierExecutor} notices it within a poll interval. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            listeners.forEach(Runnable::run);
        }
    }

    public boolean cancelled() {
        return cancelled.get();
    }

    /** Runs {@code listener} once when cancelled (at once if already cancelled). It must not block. */
    public void onCancel(Runnable listener) {
        listeners.add(listener);
        if (cancelled.get() && listeners.remove(listener)) {
            listener.run();
        }
    }
}
