package io.gatekeeper.queue;

import java.time.Instant;
import java.util.List;

/**
 * The queue's decisions, pure: no I/O, no clock, no randomness of its own. The live service and the simulator
 * drive the same implementations. Not thread-safe: one caller at a time.
 */
public interface QueueEngine {

    /** Take one event at time {@code now}; return what must be done, in order. */
    List<Action> handle(Event event, Instant now);

    /** Positions, what each waiting or testing request waits for, and predicted landing times. */
    QueueView view(Instant now);
}
