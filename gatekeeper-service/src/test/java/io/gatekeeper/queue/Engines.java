package io.gatekeeper.queue;

/** Engines with the policy knobs tests need. */
final class Engines {
    private Engines() {
    }

    /** Gatekeeper's chain alone: fresh requests go straight into chain batches. */
    static QueueEngine unscreened(Isolation isolation, int slots, int batchMax) {
        return new PipelineEngine(new GatekeeperPolicy(isolation, TierStaging.gated(1 / 3.0),
                TierStaging.gated(0.1), false, slots), new EngineSettings(batchMax, slots, 1));
    }

    /** Gatekeeper as shipped: screens, then the chain. */
    static QueueEngine screened(Isolation isolation, int slots, int batchMax) {
        return new PipelineEngine(GatekeeperPolicy.standard(isolation, slots), new EngineSettings(batchMax, slots, 1));
    }
}
