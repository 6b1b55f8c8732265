package io.gatekeeper.git;

import java.util.List;

/** A repository's gate configuration, parsed once from head's {@code .gatekeeper.yml}. */
public record GatekeeperConfig(List<Tier> tiers, int batchMax, List<String> allowedPrefixes,
                               List<String> pushRequestTiers, boolean revertOnFailure) {
    public GatekeeperConfig {
        tiers = List.copyOf(tiers);
        allowedPrefixes = List.copyOf(allowedPrefixes);
        pushRequestTiers = List.copyOf(pushRequestTiers);
    }
}
