package io.gatekeeper.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A read-only picture of the queue for the API and the dashboard. */
public record QueueView(List<Entry> entries) {

    public QueueView {
        entries = List.copyOf(entries);
    }

    public Optional<Entry> entry(long requestId) {
        return entries.stream().filter(e -> e.requestId() == requestId).findFirst();
    }

    /**
     * @param position   1-based place in landing order
     * @param candidateId the candidate testing it, or 0 while it waits
     * @param waitingFor one short sentence: "tier unit on candidate 12", "a free cluster", "position 3 in queue"
     * @param eta        predicted landing time, or null when unknown
     */
    public record Entry(long requestId, int position, long candidateId, String waitingFor, Instant eta) { }
}
