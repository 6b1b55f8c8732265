package io.gatekeeper.queue;

import java.util.random.RandomGenerator;

/** Chooses the engine policy by name. */
public final class QueueEngines {
    private QueueEngines() {
    }

    public static QueueEngine create(String strategy, EngineSettings settings, RandomGenerator random) {
        return switch (strategy) {
            case "serial" -> new SerialEngine(settings);
            default -> throw new IllegalArgumentException("unknown queue strategy '" + strategy
                    + "' (known: serial)");
        };
    }
}
