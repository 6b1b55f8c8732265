package io.gatekeeper.queue;

import java.util.function.LongPredicate;
import java.util.random.RandomGenerator;

/** Chooses the engine policy by name. */
public final class QueueEngines {
    /** The strategies {@link #create} knows, for help texts. */
    public static final String NAMES = "serial, bisect, speculative, gatekeeper, gatekeeper-bisect, "
            + "gatekeeper-prefixes, gatekeeper-unscreened, oracle (simulator only)";

    private QueueEngines() {
    }

    /**
     * @param random unused by today's policies; kept so a randomised policy stays reproducible from a seed
     */
    public static QueueEngine create(String strategy, EngineSettings settings, RandomGenerator random) {
        return switch (strategy) {
            case "serial" -> new SerialEngine(settings);
            case "bisect" -> new PipelineEngine(new BisectPolicy(), settings);
            case "speculative" -> new PipelineEngine(new SpeculativePolicy(), settings);
            case "gatekeeper" -> gatekeeper(Isolation.SQRT, settings);
            case "gatekeeper-bisect" -> gatekeeper(Isolation.BISECT, settings);
            case "gatekeeper-prefixes" -> gatekeeper(Isolation.PREFIXES, settings);
            case "gatekeeper-unscreened" -> new PipelineEngine(new GatekeeperPolicy(Isolation.SQRT,
                    TierStaging.gated(1 / 3.0), TierStaging.gated(0.1), false, settings.slots()), settings);
            case "oracle" -> throw new IllegalArgumentException(
                    "the oracle knows which requests are bad: only the simulator can build it (QueueEngines.oracle)");
            default -> throw new IllegalArgumentException("unknown queue strategy '" + strategy + "' (known: "
                    + NAMES + ")");
        };
    }

    /** The simulator's bound: {@code isBad} tells which request ids break a tier. */
    public static QueueEngine oracle(EngineSettings settings, LongPredicate isBad) {
        return new PipelineEngine(new OraclePolicy(isBad), settings);
    }

    private static QueueEngine gatekeeper(Isolation isolation, EngineSettings settings) {
        return new PipelineEngine(GatekeeperPolicy.standard(isolation, settings.slots()), settings);
    }
}
