package io.gatekeeper.flaky.bench;

/**
 * Reproducible uniform draws keyed by (candidate, test, attempt): both policies see the same outcome for the
 * same run of the same test, so their difference is the policy, not the luck.
 */
final class Draws {

    private final long seed;

    Draws(long seed) {
        this.seed = seed;
    }

    double uniform(long candidate, long test, long attempt, long stream) {
        long z = seed;
        z = mix(z ^ candidate * 0x9E3779B97F4A7C15L);
        z = mix(z ^ test * 0xC2B2AE3D27D4EB4FL);
        z = mix(z ^ attempt * 0x165667B19E3779F9L);
        z = mix(z ^ stream * 0xD6E8FEB86659FD93L);
        return (z >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
