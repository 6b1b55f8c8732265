package io.gatekeeper.queue;

/**
 * Knobs of the queue engine, parsed once from configuration.
 *
 * @param batchMax        the most requests one candidate may carry ({@code batch.max} in the repo config)
 * @param slots           how many tier runs may go on at once (free clusters; a number of local slots until
 *                        the cluster pool reports real capacity)
 * @param firstCandidateId the id the next candidate gets; the live service passes one past the highest id in
 *                        its database so that ids stay unique across restarts
 * @param infraHold       how runs the infrastructure keeps failing are retried
 */
public record EngineSettings(int batchMax, int slots, long firstCandidateId, InfraHold infraHold) {
    public EngineSettings {
        if (batchMax < 1 || slots < 1 || firstCandidateId < 1) {
            throw new IllegalArgumentException("batchMax, slots and firstCandidateId must be positive");
        }
        java.util.Objects.requireNonNull(infraHold);
    }

    public EngineSettings(int batchMax, int slots, long firstCandidateId) {
        this(batchMax, slots, firstCandidateId, InfraHold.defaults());
    }

    public static EngineSettings defaults() {
        return new EngineSettings(8, 2, 1);
    }
}
