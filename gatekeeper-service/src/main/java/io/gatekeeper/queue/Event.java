package io.gatekeeper.queue;

import java.time.Duration;
import java.util.List;

/**
 * Something that happened, fed into {@link QueueEngine#handle}. Live, the service produces these from
 * pushes, builds, runs and ref updates; in the simulator, a model of those produces them.
 */
public sealed interface Event {

    /** A new request, or a re-pushed one under a new id (the old id is withdrawn first). */
    record RequestQueued(QueuedRequest request) implements Event { }

    /**
     * Several requests queued together (one push of several branches, or the open requests resumed after a
     * restart): the engine sees them all before it forms a batch, so they can be tested as one candidate.
     */
    record RequestsQueued(List<QueuedRequest> requests) implements Event {
        public RequestsQueued {
            requests = List.copyOf(requests);
        }
    }

    /** The branch was deleted, re-pushed or the request cancelled: drop it wherever it is. */
    record RequestWithdrawn(long requestId) implements Event { }

    /** A candidate commit exists; {@code tiers} are the tier names to run on it, cheapest first. */
    record CandidateBuilt(long candidateId, List<String> tiers) implements Event {
        public CandidateBuilt {
            tiers = List.copyOf(tiers);
        }
    }

    /**
     * The candidate could not be built: {@code requestId} does not apply on its base (conflict, or an invalid
     * tier configuration on head when {@code requestId} is 0 — then the whole candidate is unbuildable).
     */
    record CandidateConflict(long candidateId, long requestId, String reason) implements Event { }

    record TierPassed(long candidateId, String tier, Duration took) implements Event { }

    /** The change's fault (as judged by the flake judge): a failing command, failing tests or a timeout. */
    record TierFailed(long candidateId, String tier, String reason, List<String> failedTests, Duration took)
            implements Event {
        public TierFailed {
            failedTests = List.copyOf(failedTests);
        }
    }

    /** Infrastructure gave up on this tier (retries exhausted); never the change's fault. */
    record TierInfraError(long candidateId, String tier, String reason) implements Event { }

    /** Head was fast-forwarded to the candidate. */
    record Landed(long candidateId) implements Event { }

    /** The compare-and-swap on head failed: head moved under the candidate (e.g. a privileged landing). */
    record LandRefused(long candidateId, String reason) implements Event { }

    /** Head moved outside the pipeline (bypass, push-request): everything built on the old head is stale. */
    record HeadMoved() implements Event { }

    /** Time passed; lets time-based policies (ageing, windows) act. */
    record Tick() implements Event { }

    /** A privileged user moved a waiting request up or down; higher lands first, 0 is normal. */
    record PriorityChanged(long requestId, int priority) implements Event { }

    /** The cluster pool now has room for {@code slots} tier runs at once (replaces {@link EngineSettings#slots}). */
    record CapacityChanged(int slots) implements Event {
        public CapacityChanged {
            if (slots < 1) {
                throw new IllegalArgumentException("slots must be positive");
            }
        }
    }

    /** A freeze: candidates keep testing but nothing lands until {@link LandingsResumed}. */
    record LandingsPaused(String reason) implements Event { }

    record LandingsResumed() implements Event { }
}
