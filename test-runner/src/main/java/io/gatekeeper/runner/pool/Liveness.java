package io.gatekeeper.runner.pool;

import java.time.Duration;
import java.time.Instant;

/**
 * When a silent node is lost and when an allocation's lease has run out. Pure: the clock is a parameter.
 *
 * @param heartbeat     the interval runners are told to heartbeat at
 * @param missedAllowed heartbeats a node may miss before it is lost
 * @param lease         how long a grant lives without renewal (renewed by the heartbeats naming its runs)
 */
public record Liveness(Duration heartbeat, int missedAllowed, Duration lease) {

    public static final Liveness DEFAULT = new Liveness(Duration.ofSeconds(2), 5, Duration.ofSeconds(30));

    public boolean lost(Instant lastHeartbeat, Instant now) {
        return lastHeartbeat.plus(heartbeat.multipliedBy(missedAllowed)).isBefore(now);
    }

    public boolean expired(Instant lastRenewal, Instant now) {
        return lastRenewal.plus(lease).isBefore(now);
    }
}
