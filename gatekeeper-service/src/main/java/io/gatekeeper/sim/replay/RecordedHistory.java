package io.gatekeeper.sim.replay;

import io.gatekeeper.store.RequestRow;

import java.time.Instant;
import java.util.List;

/**
 * What one repository recorded over a window: the requests queued in it, the tier runs of its queue candidates
 * and what those candidates carried.
 *
 * @param to the latest event the database recorded for the repository (not the wall clock, so a copied or
 *           idle database replays its last busy days)
 */
record RecordedHistory(String repo, int days, Instant from, Instant to, List<RequestRow> requests,
                       List<RecordedRun> runs, List<CandidateLink> candidates) {

    RecordedHistory {
        requests = List.copyOf(requests);
        runs = List.copyOf(runs);
        candidates = List.copyOf(candidates);
    }
}
