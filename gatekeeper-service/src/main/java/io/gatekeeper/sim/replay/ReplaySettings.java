package io.gatekeeper.sim.replay;

/**
 * The engine settings a replay runs with: by default what the live service uses ({@code queue.slots},
 * {@code queue.batchMax}); flags override them to ask "what if".
 *
 * @param flakeRate   null: each tier's measured rate; else this rate for every tier (0: no flakes)
 * @param tierMinutes null: the measured durations; else scaled so all tiers add up to this many minutes
 */
public record ReplaySettings(int clusters, int batchMax, Double flakeRate, Double tierMinutes) {
    public ReplaySettings {
        if (clusters < 1 || batchMax < 1) {
            throw new ReplayException("--clusters and --batch-max must be at least 1");
        }
        if (flakeRate != null && (flakeRate < 0 || flakeRate >= 1)) {
            throw new ReplayException("--flake-rate must be in [0, 1), not " + flakeRate);
        }
        if (tierMinutes != null && tierMinutes <= 0) {
            throw new ReplayException("--tier-minutes must be positive, not " + tierMinutes);
        }
    }
}
