package io.gatekeeper.gate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Pushes of one repository between their pre-receive and post-receive points. While one is in flight its refs
 * move one by one, and a ref scan would queue the first of a push's branches apart from the rest (which the
 * post-receive then reports together), so the scan waits for its next turn. A push whose end is never reported
 * (its receive failed in between) stops counting after {@link #FORGET_AFTER}, so scans cannot stop for good.
 */
final class ReceivesInFlight {
    static final Duration FORGET_AFTER = Duration.ofMinutes(2);

    private final Clock clock;
    private int count;
    private Instant lastStarted = Instant.MIN;

    ReceivesInFlight(Clock clock) {
        this.clock = clock;
    }

    synchronized void started() {
        count++;
        lastStarted = clock.instant();
    }

    synchronized void ended() {
        count = Math.max(0, count - 1);
    }

    /** Whether a push may be moving refs now. */
    synchronized boolean any() {
        if (count > 0 && clock.instant().isAfter(lastStarted.plus(FORGET_AFTER))) {
            count = 0;
        }
        return count > 0;
    }
}
