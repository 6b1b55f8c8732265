package io.gatekeeper.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a policy may know about the load when it sizes a batch.
 *
 * @param waiting          requests waiting for the chain
 * @param freeDepth        candidates that may still join the chain now (at least 1)
 * @param arrivalsPerHour  recent arrival rate of requests
 * @param slots            tier runs that may go on at once
 * @param tiers            the tiers of the newest candidate (empty until one was built)
 */
record Load(int waiting, int freeDepth, double arrivalsPerHour, int slots, List<String> tiers,
            TierDurations durations) {

    /** Cluster time one candidate takes through every tier, if measured. */
    Optional<Duration> clusterTimePerCandidate() {
        return durations.total(tiers);
    }
}
