package io.gatekeeper.gate;

import io.gatekeeper.git.GatekeeperConfig;
import io.gatekeeper.git.Tier;
import io.gatekeeper.runner.tier.Cancellation;
import org.eclipse.jgit.lib.ObjectId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A built candidate the gate is testing: the commit it was built on, its commit, and its running tiers. */
final class Candidate {
    final long number;
    final ObjectId base;
    final ObjectId sha;
    final List<Long> requestIds;
    final GatekeeperConfig config;
    final Map<Long, Cancellation> running = new HashMap<>();

    Candidate(long number, ObjectId base, ObjectId sha, List<Long> requestIds, GatekeeperConfig config) {
        this.number = number;
        this.base = base;
        this.sha = sha;
        this.requestIds = List.copyOf(requestIds);
        this.config = config;
    }

    Optional<Tier> tier(String name) {
        return config.tiers().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    void cancelAll() {
        running.values().forEach(Cancellation::cancel);
        running.clear();
    }
}
