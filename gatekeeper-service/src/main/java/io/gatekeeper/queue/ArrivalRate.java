package io.gatekeeper.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Requests queued per hour, counted over the last {@link #SPAN}. */
final class ArrivalRate {
    static final Duration SPAN = Duration.ofHours(1);

    private final Deque<Instant> recent = new ArrayDeque<>();
    private Instant first;

    void arrived(Instant at) {
        if (first == null) {
            first = at;
        }
        recent.addLast(at);
    }

    double perHour(Instant now) {
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(SPAN))) {
            recent.removeFirst();
        }
        if (first == null) {
            return 0;
        }
        Duration seen = Duration.between(first, now);
        Duration span = seen.compareTo(SPAN) < 0 ? seen : SPAN;
        double hours = Math.max(span.toMillis(), Duration.ofMinutes(10).toMillis()) / 3_600_000.0;
        return recent.size() / hours;
    }
}
