package io.gatekeeper.flaky.judge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which tiers ignore {@code GATEKEEPER_RERUN_TESTS}, as their last re-run showed (it ran more tests than were
 * asked for). Burn-in of such a tier would re-run the whole suite ten times, so it is skipped; the memory
 * lasts a day, after which one burn-in run tries again (the command may have learnt the variable), and a
 * targeted re-run that comes back targeted clears it at once.
 */
final class RerunCapability {
    static final Duration MEMORY = Duration.ofDays(1);

    private final Clock clock;
    private final Map<String, Instant> ignoredAt = new ConcurrentHashMap<>();

    RerunCapability(Clock clock) {
        this.clock = clock;
    }

    void observed(String repo, String tier, boolean reranWhole) {
        if (reranWhole) {
            ignoredAt.put(key(repo, tier), clock.instant());
        } else {
            ignoredAt.remove(key(repo, tier));
        }
    }

    /** When the tier was last seen ignoring the variable, if within {@link #MEMORY}. */
    Optional<Instant> ignoredSince(String repo, String tier) {
        Instant at = ignoredAt.get(key(repo, tier));
        return at == null || at.isBefore(clock.instant().minus(MEMORY)) ? Optional.empty() : Optional.of(at);
    }

    private static String key(String repo, String tier) {
        return repo + "\n" + tier;
    }
}
