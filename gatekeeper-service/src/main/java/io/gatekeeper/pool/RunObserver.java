package io.gatekeeper.pool;

import java.util.List;

/**
 * Told what happens to one dispatched run, in order, on the pool's event thread (never under the pool's lock).
 * {@link #ended} comes exactly once; nothing comes after it.
 */
public interface RunObserver {

    /** A line for the run's log: why it waits, what the pool did. */
    void note(String line);

    /** The run holds all its nodes, in cluster order (the first is the primary). */
    void granted(List<String> nodes);

    /** Every node is ready: the primary runs the command. */
    void started();

    void ended(RunEnd end);
}
