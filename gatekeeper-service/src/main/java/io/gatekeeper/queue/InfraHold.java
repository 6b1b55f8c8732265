package io.gatekeeper.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * How a tier run that the infrastructure keeps failing is retried. Infrastructure failures are never the
 * change's fault, so the run is never given up: the first {@code immediateRetries} failures retry at once (a
 * lost node or a failed checkout is usually gone on another allocation); after that the run is held, for
 * {@code firstHold} and then twice as long each time up to {@code maxHold}, so that a pool that cannot run the
 * tier at all (no node with its labels, a broken setup) is not hammered while it is fixed. A held request keeps
 * its place and says what it waits for; it can still be withdrawn or bypassed.
 */
public record InfraHold(int immediateRetries, Duration firstHold, Duration maxHold) {
    public InfraHold {
        if (immediateRetries < 0 || firstHold.isNegative() || firstHold.isZero() || maxHold.compareTo(firstHold) < 0) {
            throw new IllegalArgumentException("immediateRetries >= 0 and 0 < firstHold <= maxHold");
        }
    }

    public static InfraHold defaults() {
        return new InfraHold(3, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /** When the next attempt may start after the run's {@code infraErrors}-th consecutive infrastructure failure. */
    public Instant nextAttempt(int infraErrors, Instant failedAt) {
        int held = infraErrors - immediateRetries;
        if (held <= 0) {
            return failedAt;
        }
        Duration hold = firstHold;
        for (int i = 1; i < held && hold.compareTo(maxHold) < 0; i++) {
            hold = hold.multipliedBy(2);
        }
        return failedAt.plus(hold.compareTo(maxHold) > 0 ? maxHold : hold);
    }

    /** What a held request waits for, as {@code waitingFor} says it. */
    static String waitingFor(String tier, long candidateId, int infraErrors, String lastReason, Instant nextTry) {
        return "infrastructure: tier " + tier + " of candidate " + candidateId + " could not run " + infraErrors
                + " times (last: " + lastReason + "); next try at " + nextTry;
    }
}
