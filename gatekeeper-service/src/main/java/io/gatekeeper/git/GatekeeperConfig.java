package io.gatekeeper.git;

import java.util.List;
import java.util.Optional;

/**
 * A repository's gate configuration, parsed from {@code .gatekeeper.yml} on its head commit.
 * See {@link GatekeeperConfigReader} for the file format.
 *
 * @param tiers in the order they run (cheapest first, by convention)
 * @param batchMax the most requests tested together in one candidate
 * @param allowedPrefixes branch name prefixes pushes may create (e.g. {@code pull-request/}); empty
 *        means unrestricted
 * @param pushRequestTiers the tiers a {@code push-request/*} runs before landing; empty means none
 * @param revertOnFailure whether a bypassing push that later fails is reverted
 */
public record GatekeeperConfig(List<Tier> tiers, int batchMax, List<String> allowedPrefixes,
                               List<String> pushRequestTiers, boolean revertOnFailure) {
    public GatekeeperConfig {
        tiers = List.copyOf(tiers);
        allowedPrefixes = allowedPrefixes == null ? List.of() : List.copyOf(allowedPrefixes);
        pushRequestTiers = pushRequestTiers == null ? List.of() : List.copyOf(pushRequestTiers);
    }

    public Optional<Tier> tier(String name) {
        return tiers.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
