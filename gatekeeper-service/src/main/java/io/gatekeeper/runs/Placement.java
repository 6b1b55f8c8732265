package io.gatekeeper.runs;

import java.time.Instant;
import java.util.List;

/**
 * Where a tier run may go and how urgent it is: a cluster of {@code nodes} nodes carrying all of {@code labels},
 * served by {@code priority} (higher first) then {@code queuedAt} (older first).
 *
 * @param attempt which try at this tier this run is (1 for the first), shown to runners and in logs
 */
public record Placement(int nodes, List<String> labels, int priority, Instant queuedAt, int attempt) {

    public Placement {
        labels = List.copyOf(labels);
        if (nodes < 1) {
            throw new IllegalArgumentException("a tier needs at least one node, not " + nodes);
        }
    }

    /** One node, any labels, no priority, queued now. */
    public static Placement single() {
        return new Placement(1, List.of(), 0, Instant.now(), 1);
    }
}
