package io.gatekeeper.queue;

import java.time.Instant;

/**
 * What the engine knows of a request: identity, ordering inputs and size. Nothing about git or SQL.
 *
 * @param id         the request's database id
 * @param priority   higher lands first; 0 is normal
 * @param queuedAt   when it (last) entered the queue; used for FIFO order and ageing
 * @param commits    how many commits it carries (a size measure for batching and ageing)
 * @param privileged a push-request: lands ahead of the queue, runs only the privileged tiers
 */
public record QueuedRequest(long id, int priority, Instant queuedAt, int commits, boolean privileged) {
    public QueuedRequest {
        if (queuedAt == null) {
            throw new IllegalArgumentException("queuedAt is required");
        }
    }

    public static QueuedRequest of(long id, Instant queuedAt) {
        return new QueuedRequest(id, 0, queuedAt, 1, false);
    }
}
